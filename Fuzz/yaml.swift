// Fuzz target: loading front matter (notes, articles, actors), event files and site.yaml.
// The first byte picks the kind of file; the rest is the file's text. Nothing may crash or hang,
// and every problem must be placed inside the file.
import Foundation
@testable import SitegenCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzYAML(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    guard let kind = bytes.first else { return 0 }
    let body = Data(bytes.dropFirst())
    switch kind % 5 {
    case 0:
        let path = "content/events/fuzz.yaml"
        guard case .success(let file) = TextFile.decode(body, path: path) else { return 0 }
        let (_, _, diagnostics) = EventLoader.load(file)
        checkLocations(diagnostics, in: file.text, path: path)
    case 1:
        let path = "content/notes/fuzz.md"
        guard case .success(let file) = TextFile.decode(body, path: path) else { return 0 }
        checkLocations(NoteLoader.load(file, id: "fuzz").1, in: file.text, path: path)
    case 2:
        let path = "content/actors/fuzz.md"
        guard case .success(let file) = TextFile.decode(body, path: path) else { return 0 }
        checkLocations(ActorLoader.load(file, id: "fuzz").1, in: file.text, path: path)
    case 3:
        let path = "content/articles/fuzz.md"
        guard case .success(let file) = TextFile.decode(body, path: path) else { return 0 }
        checkLocations(ArticleLoader.load(file, id: "fuzz").1, in: file.text, path: path)
    default:
        let path = "content/site.yaml"
        guard case .success(let file) = TextFile.decode(body, path: path) else { return 0 }
        checkLocations(ConfigLoader.load(file, path: path).1, in: file.text, path: path)
    }
    return 0
}
