import CYaml

/// libyaml's syntax errors in editors' words, at the place the editor must change.
///
/// libyaml gives two places: the problem (where reading stopped) and its context (where the
/// construct being read started). Which one an editor must look at depends on the mistake: the
/// opening quote of a quote never closed, the line of a key without its colon, the tab itself,
/// the line that is indented wrongly; so each kind of mistake is placed and worded here.
enum YAMLSyntaxError {
    /// A 1-based place in the YAML text.
    struct Mark: Equatable {
        var line: Int
        var column: Int
    }

    /// The diagnostic for the error `parser` stopped on.
    static func diagnostic(for parser: yaml_parser_t, text: String, path: String, lineOffset: Int) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        let context = parser.context.map { String(cString: $0) }
        switch parser.error {
        case YAML_READER_ERROR:
            let place = mark(ofByte: Int(parser.problem_offset), in: text)
            let location = SourceLocation(path: path, line: place.line + lineOffset, column: place.column)
            if problem.contains("control characters") {
                let code = String(UInt32(bitPattern: parser.problem_value), radix: 16, uppercase: true)
                return .error(location, "YAML syntax: the character U+\(String(repeating: "0", count: max(0, 4 - code.count)) + code) cannot be used in YAML: remove it")
            }
            return .error(location, "YAML: \(problem)")
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            let problemMark = Mark(line: Int(parser.problem_mark.line) + 1, column: Int(parser.problem_mark.column) + 1)
            let contextMark = context == nil ? nil : Mark(line: Int(parser.context_mark.line) + 1, column: Int(parser.context_mark.column) + 1)
            let (place, message) = explain(problem: problem, at: problemMark, context: context, at: contextMark, text: text, lineOffset: lineOffset)
            return .error(SourceLocation(path: path, line: place.line + lineOffset, column: place.column), "YAML syntax: " + message)
        default:
            return .error(SourceLocation(path: path, line: 1 + lineOffset), "YAML: out of memory")
        }
    }

    /// Where a byte offset of `text` is, as line and column (in Unicode scalars).
    static func mark(ofByte offset: Int, in text: String) -> Mark {
        var line = 1
        var column = 1
        var index = 0
        for scalar in text.unicodeScalars {
            if index >= offset { break }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
            index += String(scalar).utf8.count
        }
        return Mark(line: line, column: column)
    }

    /// The place and the words for one libyaml error; lines named in the words count the
    /// `lineOffset` lines before the YAML, as the place's line will.
    static func explain(problem: String, at problemMark: Mark, context: String?, at contextMark: Mark?, text: String,
                        lineOffset: Int = 0) -> (Mark, String) {
        let lines = Lines(text, lineOffset: lineOffset)
        let original = problem + (context.map { " (\($0))" } ?? "")
        let character = lines.character(at: problemMark)
        let inQuotedScalar = context?.contains("quoted scalar") == true

        // A tab, wherever libyaml noticed it: at the tab itself.
        if problem.contains("tab character") || (problem.contains("cannot start any token") && character == "\t") {
            let column = character == "\t" ? problemMark.column : (lines.firstTab(onLine: problemMark.line) ?? problemMark.column)
            return (Mark(line: problemMark.line, column: column), "YAML does not allow tabs for indentation: indent with spaces")
        }
        // A quote never closed: at the opening quote.
        if inQuotedScalar, problem.contains("end of stream") || problem.contains("document indicator"), let contextMark {
            let quote = lines.character(at: contextMark).map { String($0) } ?? "\""
            return (contextMark, "this quoted value has no closing quote: end it with \(quote == "'" ? "`'`" : "`\"`")")
        }
        if !inQuotedScalar, let opening = lines.quoteLeftOpen(endingOn: problemMark.line) {
            let quote = lines.character(at: opening).map { String($0) } ?? "\""
            return (opening, "this quoted value has no closing quote on its line: end it with \(quote == "'" ? "`'`" : "`\"`"), so that the lines after it are read as keys")
        }
        if problem.contains("Maximum nesting level") {
            return (problemMark, "lists and mappings are nested more than \(YAMLComposer.maximumDepth) levels deep here: content needs only a few levels")
        }
        if problem.contains("unknown escape character") {
            let escape = lines.text(onLine: problemMark.line, from: problemMark.column, count: 2)
            return (problemMark, "`\(escape)` is not an escape in a double-quoted value: write `\\\\` for a backslash, or put the value in single quotes")
        }
        if let context, context.contains("scanning an alias") || context.contains("scanning an anchor"), let contextMark {
            let indicator = lines.character(at: contextMark).map { String($0) } ?? "*"
            return (contextMark, "a value cannot start with `\(indicator)`: put the whole value in quotes")
        }
        if problem.contains("cannot start any token"), let character {
            return (problemMark, "a value cannot start with `\(character)`: put the whole value in quotes")
        }
        if context?.contains("block scalar") == true {
            if problem.contains("comment or line break") {
                return (problemMark, "only `-` or `+` may follow `|` or `>` on its line: start the text on the next line, indented more than its key")
            }
            if problem.contains("indentation indicator equal to 0") {
                return (problemMark, "`|0` and `>0` are not allowed: write `|` or `>` alone and indent the text on the next lines")
            }
        }
        if problem.contains("could not find expected ':'"), let contextMark {
            return (contextMark, "expected `key: value` on this line (a key, a colon, then a space); if the line continues the value above it, indent it more than that value's key")
        }
        if problem.contains("block sequence entries are not allowed") {
            return (problemMark, "a list item (`- `) cannot start here: write the list on the lines below its key, each item on its own line starting with `- `, or as `[a, b]`")
        }
        if problem.contains("mapping values are not allowed") {
            return mappingValueNotAllowed(at: problemMark, lines: lines)
        }
        if problem.contains("did not find expected ','"), let contextMark {
            let opening = lines.character(at: contextMark).map { String($0) } ?? "["
            let closing = opening == "{" ? "}" : "]"
            if contextMark.line != problemMark.line {
                return (contextMark, "this `\(opening)` is not closed on its line: end the list with `\(closing)`")
            }
            return (problemMark, "expected `,` or `\(closing)` here: separate the entries with `, `, and put an entry that contains `: `, `[` or `]` in quotes")
        }
        if problem.contains("did not find expected node content") {
            if character == "," { return (problemMark, "an empty entry in this list: remove the extra `,`") }
            if let character { return (problemMark, "a value cannot start with `\(character)`: put the whole value in quotes") }
            return (problemMark, "a value is missing here")
        }
        if problem.contains("did not find expected key") || problem.contains("did not find expected '-' indicator") {
            return misplacedLine(at: problemMark, lines: lines) ?? (problemMark, original)
        }
        return (problemMark, original)
    }

    /// `mapping values are not allowed in this context`: a line indented more than the key above
    /// it, a line without a colon above, or a value containing `: `.
    private static func mappingValueNotAllowed(at problemMark: Mark, lines: Lines) -> (Mark, String) {
        let line = lines.scalars(problemMark.line)
        let keyStart = Lines.keyColumn(line)
        let isFirstColon = !Lines.containsColonSpace(line, from: keyStart - 1, to: problemMark.column - 1)
        if isFirstColon, let previous = lines.previousContentLine(before: problemMark.line) {
            let above = lines.scalars(previous)
            let aboveHasColon = Lines.containsColonSpace(above, from: 0, to: above.count) || above.last == ":"
            if !aboveHasColon, Lines.indent(above) == Lines.indent(line) {
                return (Mark(line: previous, column: Lines.keyColumn(above)),
                        "expected `key: value` on this line (a key, a colon, then a space)")
            }
            if Lines.indent(line) > Lines.keyColumn(above) - 1, above.last != ":" {
                return (Mark(line: problemMark.line, column: Lines.indent(line) + 1),
                        "this line is indented more than the key on line \(lines.shown(previous)): keys of one entry line up exactly; if the line continues that value, put the whole value in quotes")
            }
        }
        return (problemMark, "unexpected `:` here: if the value contains `: `, put it in quotes (`title: \"Floods: what we know\"`); otherwise check that this line is indented like the keys around it")
    }

    /// `did not find expected key` or `- indicator`: text after a closing quote, or a line that
    /// lines up with nothing above it.
    private static func misplacedLine(at problemMark: Mark, lines: Lines) -> (Mark, String)? {
        let line = lines.scalars(problemMark.line)
        guard !line.isEmpty else { return nil }
        let indent = Lines.indent(line)
        let character = lines.character(at: problemMark)
        if problemMark.column > indent + 1 {
            // libyaml counts a lone CR as a line break and these lines do not, so its column
            // can lie past the end of the line.
            var before = min(problemMark.column - 2, line.count - 1)
            while before >= 0, line[before] == " " { before -= 1 }
            if before >= 0, line[before] == "\"" || line[before] == "'" {
                return (problemMark, "unexpected text after the closing quote: put the whole value in quotes, and write a `\"` inside double quotes as `\\\"`")
            }
            return (problemMark, "unexpected `\(character.map { String($0) } ?? "")` here: if it is part of the value, put the whole value in quotes")
        }
        let spaces = { (count: Int) in count == 1 ? "1 space" : "\(count) spaces" }
        if let block = lines.enclosingBlockScalar(before: problemMark.line, indent: indent) {
            return (problemMark, "this line is indented by \(spaces(indent)): less than the text of the `\(block.indicator)` block of line \(lines.shown(block.keyLine)) (\(spaces(block.textIndent))) and more than its key (\(spaces(block.keyIndent))); indent it by \(block.textIndent) to go on with the text, or by \(block.keyIndent) to start a new key")
        }
        let levels = lines.levels(above: problemMark.line)
        let isListItem = character == "-"
        if isListItem {
            if levels.contains(where: { $0.isListItem == false && $0.indent == indent }) {
                return (problemMark, "a list item cannot stand among `key: value` lines at the same indentation: put the list under a key (`key:`, then the items indented on the lines below)")
            }
            if let item = levels.filter { $0.isListItem }.min(by: { abs($0.indent - indent) < abs($1.indent - indent) }) {
                return (problemMark, "this list item is indented by \(spaces(indent)), but the one on line \(lines.shown(item.line)) by \(item.indent): items of one list line up exactly")
            }
            return nil
        }
        if let item = levels.first(where: { $0.isListItem && $0.indent == indent }) {
            return (problemMark, "a `key: value` line cannot follow the list items at the same indentation (line \(lines.shown(item.line))): start it with `- ` if it begins a new entry, or indent it like the keys of that entry")
        }
        let keys = levels.filter { !$0.isListItem }
        let target = keys.filter { $0.indent > indent }.min { $0.indent < $1.indent }
            ?? keys.filter { $0.indent < indent }.max { $0.indent < $1.indent }
        guard let target else { return nil }
        return (problemMark, "this line is indented by \(spaces(indent)), which lines it up with no key above it: keys of one entry line up exactly; indent it by \(target.indent) like `\(target.name)` on line \(lines.shown(target.line))")
    }

    /// The lines of a YAML text, as Unicode scalars (columns count scalars, as libyaml's do).
    struct Lines {
        let lines: [[Unicode.Scalar]]
        /// Lines of the file before the YAML (front matter).
        let lineOffset: Int

        init(_ text: String, lineOffset: Int = 0) {
            lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
            self.lineOffset = lineOffset
        }

        /// A line's number in the file, for messages.
        func shown(_ line: Int) -> Int { line + lineOffset }

        func scalars(_ line: Int) -> [Unicode.Scalar] {
            line >= 1 && line <= lines.count ? lines[line - 1] : []
        }

        func character(at mark: Mark) -> Unicode.Scalar? {
            let line = scalars(mark.line)
            return mark.column >= 1 && mark.column <= line.count ? line[mark.column - 1] : nil
        }

        func text(onLine line: Int, from column: Int, count: Int) -> String {
            let scalars = scalars(line)
            guard column >= 1, column <= scalars.count else { return "" }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars[(column - 1)..<min(scalars.count, column - 1 + count)])
            return String(view)
        }

        func firstTab(onLine line: Int) -> Int? {
            scalars(line).firstIndex(of: "\t").map { $0 + 1 }
        }

        static func indent(_ line: [Unicode.Scalar]) -> Int {
            line.prefix { $0 == " " }.count
        }

        static func isContent(_ line: [Unicode.Scalar]) -> Bool {
            guard let first = line.first(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return false }
            return first != "#"
        }

        /// The 1-based column where the line's key starts, after its indentation and any `- `.
        static func keyColumn(_ line: [Unicode.Scalar]) -> Int {
            var index = indent(line)
            while index < line.count, line[index] == "-", index + 1 == line.count || line[index + 1] == " " {
                index += 1
                while index < line.count, line[index] == " " { index += 1 }
            }
            return index + 1
        }

        /// Whether `line[from..<to]` holds `: ` (or a `:` ending the range at the line's end).
        static func containsColonSpace(_ line: [Unicode.Scalar], from: Int, to: Int) -> Bool {
            var index = max(0, from)
            while index < min(to, line.count) {
                if line[index] == ":", index + 1 == line.count || line[index + 1] == " " { return true }
                index += 1
            }
            return false
        }

        func previousContentLine(before line: Int) -> Int? {
            var number = line - 1
            while number >= 1 {
                if Self.isContent(scalars(number)) { return number }
                number -= 1
            }
            return nil
        }

        /// The opening quote of a quoted value that starts on an earlier line, is not closed on
        /// its own line, and ends on `line`: the likely cause of an error on `line`.
        func quoteLeftOpen(endingOn line: Int) -> Mark? {
            var open: (mark: Mark, quote: Unicode.Scalar)?
            for number in 1...max(1, min(line, lines.count)) {
                let scalars = scalars(number)
                if let current = open {
                    if Self.closingQuote(current.quote, in: scalars, from: 0) != nil {
                        if number == line { return current.mark }
                        open = nil
                    }
                    continue
                }
                guard Self.isContent(scalars) else { continue }
                var start = Self.keyColumn(scalars) - 1
                if start < scalars.count, scalars[start] != "\"", scalars[start] != "'" {
                    // `key: "value`: the value starts after the first `: `.
                    var index = start
                    while index < scalars.count, !(scalars[index] == ":" && (index + 1 == scalars.count || scalars[index + 1] == " ")) {
                        index += 1
                    }
                    guard index < scalars.count else { continue }
                    start = index + 1
                    while start < scalars.count, scalars[start] == " " { start += 1 }
                }
                guard start < scalars.count, scalars[start] == "\"" || scalars[start] == "'" else { continue }
                if Self.closingQuote(scalars[start], in: scalars, from: start + 1) == nil {
                    open = (Mark(line: number, column: start + 1), scalars[start])
                }
            }
            return nil
        }

        /// The index of the quote closing a value opened with `quote`, from `start`.
        static func closingQuote(_ quote: Unicode.Scalar, in line: [Unicode.Scalar], from start: Int) -> Int? {
            var index = start
            while index < line.count {
                if quote == "\"", line[index] == "\\" { index += 2; continue }
                if line[index] == quote {
                    if quote == "'", index + 1 < line.count, line[index + 1] == "'" { index += 2; continue }
                    return index
                }
                index += 1
            }
            return nil
        }

        /// A `|` or `>` block above `line` whose text is indented more than `indent`, when `indent`
        /// is more than the block's key: the line was meant to go on with its text.
        func enclosingBlockScalar(before line: Int, indent: Int) -> (keyLine: Int, keyIndent: Int, textIndent: Int, indicator: String)? {
            var number = line - 1
            var textIndent = Int.max
            while number >= 1 {
                let scalars = scalars(number)
                if Self.isContent(scalars) {
                    let lineIndent = Self.indent(scalars)
                    var trimmed = scalars
                    while let last = trimmed.last, last == " " || last == "\r" { trimmed.removeLast() }
                    if let header = Self.blockIndicator(trimmed) {
                        guard textIndent != Int.max, lineIndent < indent, indent < textIndent else { return nil }
                        return (number, Self.keyColumn(scalars) - 1, textIndent, header)
                    }
                    guard lineIndent > indent else { return nil }
                    textIndent = min(textIndent, lineIndent)
                }
                number -= 1
            }
            return nil
        }

        /// `|` or `>` when the line ends a key with a block scalar header (`summary: >-`).
        static func blockIndicator(_ line: [Unicode.Scalar]) -> String? {
            var end = line.count
            while end > 0, line[end - 1] == "-" || line[end - 1] == "+" || ("1"..."9").contains(line[end - 1]) { end -= 1 }
            guard end >= 2, line[end - 1] == "|" || line[end - 1] == ">", line[end - 2] == " " else { return nil }
            return String(line[end - 1])
        }

        /// The keys and list items that enclose `line`: walking up, each line indented less than
        /// every line below it, with the indentation of its key and of its `- `.
        func levels(above line: Int) -> [(indent: Int, line: Int, name: String, isListItem: Bool)] {
            var result: [(indent: Int, line: Int, name: String, isListItem: Bool)] = []
            var limit = Int.max
            var number = line - 1
            while number >= 1, limit > 0 {
                let scalars = scalars(number)
                if Self.isContent(scalars), Self.indent(scalars) < limit {
                    let indent = Self.indent(scalars)
                    let keyColumn = Self.keyColumn(scalars)
                    if keyColumn - 1 > indent {
                        result.append((indent, number, "- ", true))
                    }
                    if keyColumn - 1 < scalars.count, Self.containsColonSpace(scalars, from: keyColumn - 1, to: scalars.count) {
                        var end = keyColumn - 1
                        while end < scalars.count, !(scalars[end] == ":" && (end + 1 == scalars.count || scalars[end + 1] == " ")) { end += 1 }
                        var view = String.UnicodeScalarView()
                        view.append(contentsOf: scalars[(keyColumn - 1)..<end])
                        result.append((keyColumn - 1, number, String(view), false))
                    }
                    limit = indent
                }
                number -= 1
            }
            return result
        }
    }
}
