import Mustache

/// HTML escaping for template values (`& < > " '`, as swift-mustache escapes them), over UTF-8
/// bytes. swift-mustache's own escaper looks up every Character in a dictionary, which was the
/// largest single cost of rendering; this gives the same output in one pass.
struct FastHTMLEscaping: MustacheContentType {
    /// The name templates are switched to with `{{% CONTENT_TYPE: … }}`, which the theme loader adds.
    static let name = "SITEGEN_HTML"

    func escapeText(_ text: String) -> String {
        var needsEscaping = false
        for byte in text.utf8 where byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27 {
            needsEscaping = true
            break
        }
        guard needsEscaping else { return text }
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 0x26: output.append(contentsOf: "&amp;".utf8)
            case 0x3C: output.append(contentsOf: "&lt;".utf8)
            case 0x3E: output.append(contentsOf: "&gt;".utf8)
            case 0x22: output.append(contentsOf: "&quot;".utf8)
            case 0x27: output.append(contentsOf: "&#39;".utf8)
            default: output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }
}
