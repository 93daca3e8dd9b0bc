import Foundation
import JSONCore

/// The fake-vcons corpus as create_vcon arguments, plus search terms drawn from it
/// (party names for search_vcons, words of the text dialog for search_vcons_content).
struct Corpus {
    var createArguments: [String] = []
    var partyNames: [String] = []
    var words: [String] = []

    init(directory: String) throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".json") }.sorted()
        var seenNames = Set<String>(), seenWords = Set<String>()
        for name in names {
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + name)))
            guard let document = try? JSONParser.parse(bytes) else { continue }
            createArguments.append(#"{"vcon":"# + JSON.object(document.objectValue ?? [:]).encodedString() + "}")
            for party in document["parties"]?.arrayValue ?? [] {
                if let n = party["name"]?.stringValue, n.first?.isLetter == true, seenNames.insert(n).inserted { partyNames.append(n) }
            }
            for dialog in document["dialog"]?.arrayValue ?? [] {
                guard let body = dialog["body"]?.stringValue else { continue }
                for w in body.split(whereSeparator: { !$0.isLetter }) where w.count >= 7 {
                    let word = w.lowercased()
                    if seenWords.insert(word).inserted { words.append(word) }
                }
            }
        }
        guard !createArguments.isEmpty else { throw BenchError("no vCon files in \(directory)") }
    }
}
