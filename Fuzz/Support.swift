// Shared by the fuzz targets (each is compiled with this file; see scripts/fuzz).
import Foundation
@testable import SitegenCore

/// Reads a fuzzer's bytes as a sequence of choices.
struct Choices {
    var bytes: ArraySlice<UInt8>

    init(_ bytes: ArraySlice<UInt8>) { self.bytes = bytes }

    var isEmpty: Bool { bytes.isEmpty }

    /// The next byte, taken modulo `count`.
    mutating func next(_ count: Int) -> Int {
        guard let byte = bytes.popFirst() else { return 0 }
        return Int(byte) % count
    }
}

/// Stops the process so that libFuzzer records the input as a finding.
func finding(_ message: String, _ input: String) -> Never {
    FileHandle.standardError.write(Data("FINDING: \(message)\n--- input ---\n\(input)\n---\n".utf8))
    abort()
}

/// Checks that every diagnostic points at a place inside `text` (a line that exists, or the one
/// after the last), so that every problem is reported where the editor can find it.
func checkLocations(_ diagnostics: [Diagnostic], in text: String, path: String) {
    // Line breaks as libyaml counts them: LF, CR LF, a CR alone, and NEL, LS and PS (U+0085,
    // U+2028, U+2029).
    let scalars = Array(text.unicodeScalars)
    var lines = 1
    for (index, scalar) in scalars.enumerated() {
        switch scalar {
        case "\n", "\u{85}", "\u{2028}", "\u{2029}": lines += 1
        case "\r" where index + 1 == scalars.count || scalars[index + 1] != "\n": lines += 1
        default: break
        }
    }
    for diagnostic in diagnostics where diagnostic.location.path == path {
        if diagnostic.location.line > lines + 1 {
            finding("\(diagnostic) is past the end of the file (\(lines) lines)", text)
        }
    }
}
