/// The room a label of an SVG diagram takes, estimated from its text, so that a layout made in
/// the build can keep labels apart without a browser to measure them.
///
/// Widths are an estimate of a sans-serif face per character class (narrow, wide, capitals,
/// digits), on the wide side so that real text fits inside its box.
struct LabelBox: Equatable, Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    var maxX: Double { x + width }
    var maxY: Double { y + height }

    /// Whether the two boxes share any area once each is grown by `margin` on every side.
    func overlaps(_ other: LabelBox, margin: Double = 0) -> Bool {
        x - margin < other.maxX + margin && other.x - margin < maxX + margin
            && y - margin < other.maxY + margin && other.y - margin < maxY + margin
    }

    /// The box of an SVG `<text>` at `x`, first baseline `y`, one line per entry of `lines`,
    /// `lineHeight` apart, anchored `start`, `middle` or `end` (left to right).
    static func text(_ lines: [String], x: Double, y: Double, anchor: String, fontSize: Double,
                     lineHeight: Double, bold: Bool = false) -> LabelBox {
        let width = lines.map { textWidth($0, fontSize: fontSize, bold: bold) }.max() ?? 0
        let left: Double
        switch anchor {
        case "end": left = x - width
        case "middle": left = x - width / 2
        default: left = x
        }
        let top = y - fontSize * 0.8
        let height = fontSize * 0.8 + Double(max(lines.count - 1, 0)) * lineHeight + fontSize * 0.25
        return LabelBox(x: left, y: top, width: width, height: height)
    }

    /// The estimated width of `text` in a sans-serif face of `fontSize` pixels.
    static func textWidth(_ text: String, fontSize: Double, bold: Bool = false) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "i", "l", "j", "I", ".", ",", ":", ";", "'", "|", "!", "’": ems += 0.3
            case " ", "f", "t", "r", "(", ")", "[", "]", "-", "/": ems += 0.38
            case "m", "w", "M", "W", "—", "–": ems += 0.92
            case "A"..."Z": ems += 0.72
            case "0"..."9": ems += 0.64
            case "a"..."z": ems += 0.6
            default: ems += scalar.value >= 0x2E80 ? 1.0 : 0.66
            }
        }
        return ems * fontSize * (bold ? 1.1 : 1)
    }
}
