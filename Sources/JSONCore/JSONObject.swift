/// A JSON object that remembers the order its keys were first inserted in.
///
/// Equality ignores order (JSON objects are unordered); encoding keeps it, so output is stable
/// and reads like the input.
public struct JSONObject: Sendable, Equatable, Sequence {
    public private(set) var keys: [String] = []
    private var storage: [String: JSON] = [:]

    public init() {}
    public init(minimumCapacity: Int) {
        keys.reserveCapacity(minimumCapacity)
        storage.reserveCapacity(minimumCapacity)
    }
    public init(_ pairs: [(String, JSON)]) {
        self.init(minimumCapacity: pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// Setting nil removes the key (O(n) in the key count); setting a new key appends it.
    public subscript(key: String) -> JSON? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSON? {
        let old = storage[key]
        self[key] = nil
        return old
    }

    public func contains(_ key: String) -> Bool { storage[key] != nil }

    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool { lhs.storage == rhs.storage }

    public struct Iterator: IteratorProtocol {
        fileprivate var keyIterator: IndexingIterator<[String]>
        fileprivate let storage: [String: JSON]
        public mutating func next() -> (key: String, value: JSON)? {
            guard let k = keyIterator.next() else { return nil }
            return (k, storage[k]!)
        }
    }
    public func makeIterator() -> Iterator { Iterator(keyIterator: keys.makeIterator(), storage: storage) }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, JSON)...) { self.init(elements) }
}
