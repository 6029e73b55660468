import Foundation
import Testing
@testable import SitegenCore

/// Tiny real image files (3×2 pixels, written by Pillow), as their bytes.
enum ImageFixtures {
    private static func bytes(_ base64: String) -> [UInt8] { [UInt8](Data(base64Encoded: base64)!) }
    static let png = bytes("iVBORw0KGgoAAAANSUhEUgAAAAMAAAACCAIAAAASFvFNAAAAFUlEQVR4nGM8YSPCwMDAwMDAxAADABSgARy8lijXAAAAAElFTkSuQmCC")
    static let gif = bytes("R0lGODdhAwACAIEAAMg8FAAAAAAAAAAAACwAAAAAAwACAAAIBgABCBwYEAA7")
    static let jpeg = bytes("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAMDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDPoooryj6I/9k=")
    static let webpLossy = bytes("UklGRjYAAABXRUJQVlA4ICoAAACQAQCdASoDAAIAAsBMJaACdLoAA5gA/ug4v8W0joVOr/5Z/75PfJwgAAA=")
    static let webpLossless = bytes("UklGRh4AAABXRUJQVlA4TBEAAAAvAkAAAAdQniKXov+BiOh/AAA=")
    static let webpExtended = bytes("UklGRmoAAABXRUJQVlA4WAoAAAAYAAAAAgAAAQAAQUxQSAcAAAAAgICAgICAAFZQOCAqAAAAkAEAnQEqAwACAALATCWgAnS6AAOYAP7oOL/FtI6FTq/+Wf++T3ycIAAARVhJRgoAAABJSSoACAAAAAAA")
    static let jpegTurned = bytes("/9j/4AAQSkZJRgABAQAAAQABAAD/4QAiRXhpZgAATU0AKgAAAAgAAQESAAMAAAABAAYAAAAAAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAACAAMDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDPoooryj6I/9k=")
    static let jpegProgressive = bytes("/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wgARCAACAAMDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAT/xAAVAQEBAAAAAAAAAAAAAAAAAAAEBf/aAAwDAQACEAMQAAABnBKP/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABBQJ//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPwF//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPwF//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQAGPwJ//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPyF//9oADAMBAAIAAwAAABAL/8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAwEBPxB//8QAFBEBAAAAAAAAAAAAAAAAAAAAAP/aAAgBAgEBPxB//8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxB//9k=")
    static let svgSized = Array(#"<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="120" height="80px" viewBox="0 0 12 8"><rect width="12" height="8"/></svg>"#.utf8)
    static let svgViewBox = Array(#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 150.4"><rect width="300" height="150"/></svg>"#.utf8)
    static let svgWidthAndViewBox = Array(#"<svg xmlns='http://www.w3.org/2000/svg' width='60' height='100%' viewBox='0,0,300,150'></svg>"#.utf8)

    /// Every fixture with the size it must give.
    static let all: [(name: String, bytes: [UInt8], size: ImageSize)] = [
        ("PNG", png, ImageSize(width: 3, height: 2)), ("GIF", gif, ImageSize(width: 3, height: 2)),
        ("JPEG", jpeg, ImageSize(width: 3, height: 2)), ("progressive JPEG", jpegProgressive, ImageSize(width: 3, height: 2)),
        ("JPEG turned by Exif", jpegTurned, ImageSize(width: 2, height: 3)),
        ("WebP lossy (VP8)", webpLossy, ImageSize(width: 3, height: 2)), ("WebP lossless (VP8L)", webpLossless, ImageSize(width: 3, height: 2)),
        ("WebP extended (VP8X)", webpExtended, ImageSize(width: 3, height: 2)),
        ("SVG with width and height", svgSized, ImageSize(width: 120, height: 80)),
        ("SVG with a viewBox only", svgViewBox, ImageSize(width: 300, height: 150)),
        ("SVG with a width and a viewBox", svgWidthAndViewBox, ImageSize(width: 60, height: 30)),
    ]
}

@Suite("Image headers: width and height from the first bytes of a file")
struct ImageHeaderTests {
    @Test("PNG, GIF, JPEG, WebP and SVG files give their width and height", arguments: ImageFixtures.all.indices)
    func readsEachFormat(_ index: Int) throws {
        let fixture = ImageFixtures.all[index]
        #expect(try ImageHeader.size(of: fixture.bytes).get() == fixture.size, "\(fixture.name)")
    }

    @Test("every file cut short at any byte gives a reason or a size, never a crash; a header cut short gives no size")
    func truncatedFilesNeverCrash() {
        for fixture in ImageFixtures.all {
            for length in 0..<fixture.bytes.count {
                let result = ImageHeader.size(of: Array(fixture.bytes.prefix(length)))
                if length < 10 { #expect((try? result.get()) == nil, "\(fixture.name) cut at \(length) bytes") }
                if case .success(let size) = result { #expect(size == fixture.size, "\(fixture.name) cut at \(length) bytes gave \(size)") }
            }
        }
    }

    @Test("damaged headers give a reason: a JPEG segment of length 0, a JPEG with no frame, a PNG without IHDR, a WebP without an image chunk, a zero size")
    func damagedHeaders() {
        let damaged: [[UInt8]] = [
            [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x00, 0x00, 0x00],
            [0xFF, 0xD8, 0xFF, 0xE0, 0xFF, 0xFF, 0x00],
            [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x08, 0, 0, 0, 0, 0, 0],
            [0xFF, 0xD8, 0x00, 0x00, 0x00],
            Array(ImageFixtures.png.prefix(12)) + Array("IDAT".utf8) + [0, 0, 0, 3, 0, 0, 0, 2],
            Array(ImageFixtures.webpLossy.prefix(12)) + Array("ALPH".utf8) + Array(repeating: 0, count: 20),
            Array(ImageFixtures.gif.prefix(6)) + [0, 0, 2, 0],
            Array("<svg xmlns='http://www.w3.org/2000/svg'><g/></svg>".utf8),
            Array("<svg width='50%' height='2em'>".utf8),
            Array("<svg width='10'".utf8),
            Array("Just some text, not an image".utf8),
            [],
        ]
        for bytes in damaged {
            guard case .failure(let problem) = ImageHeader.size(of: bytes) else {
                Issue.record("\(bytes.prefix(16)) gave a size")
                continue
            }
            #expect(!problem.description.isEmpty)
        }
    }

    @Test("arbitrary bytes behind each format's signature never crash the readers")
    func arbitraryBytesBehindSignatures() {
        // The same bytes on every run: a linear congruential sequence.
        var state: UInt64 = 0x5EED
        func next() -> UInt8 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
        let signatures: [[UInt8]] = [Array(ImageFixtures.png.prefix(8)), [0xFF, 0xD8], Array("GIF89a".utf8),
                                     Array("RIFF\0\0\0\0WEBPVP8X".utf8), Array("RIFF\0\0\0\0WEBPVP8 ".utf8), Array("RIFF\0\0\0\0WEBPVP8L".utf8),
                                     Array("<svg ".utf8)]
        for signature in signatures {
            for _ in 0..<300 {
                let tail = (0..<Int(next() % 65)).map { _ in next() }
                if case .success(let size) = ImageHeader.size(of: signature + tail) { #expect(size.width > 0 && size.height > 0) }
            }
        }
    }
}
