import Foundation

extension TextFile {
    /// Decodes `data` as UTF-8, or reports the line and column of the first invalid byte.
    static func decode(_ data: Data, path: String) -> Result<TextFile, Diagnostic> {
        if let file = TextFile(utf8: data, path: path) { return .success(file) }
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        // Find the first invalid sequence and its line.
        var line = 1
        var lineStart = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let length: Int
            switch byte {
            case 0..<0x80: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: length = 0
            }
            let valid = length > 0 && index + length <= bytes.count
                && (1..<max(length, 1)).allSatisfy { bytes[index + $0] & 0xC0 == 0x80 }
                && String(validating: bytes[index..<(index + length)], as: UTF8.self) != nil
            if !valid {
                let prefix = String(decoding: bytes[lineStart..<index], as: UTF8.self)
                let column = prefix.unicodeScalars.count + 1
                return .failure(.error(SourceLocation(path: path, line: line, column: column),
                                       "invalid UTF-8 byte 0x\(String(byte, radix: 16, uppercase: true)); save the file as UTF-8"))
            }
            if byte == 0x0A {
                line += 1
                lineStart = index + 1
            }
            index += length
        }
        return .failure(.error(SourceLocation(path: path), "invalid UTF-8; save the file as UTF-8"))
    }
}
