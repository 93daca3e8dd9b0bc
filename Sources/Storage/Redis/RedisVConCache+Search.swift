// Search results, cached under `<prefix>s:<epoch>:<generation>:<hash>`. Every write bumps the
// generation (in the tombstone script), so no result outlives a write; a new epoch drops them all.
// The value repeats the whole query, so a hash collision is a miss, never a wrong answer.
extension RedisVConCache {
    public func lookupSearch(_ query: [UInt8]) async -> SearchCacheLookup {
        guard isUp else { return .miss(fill: nil) }
        let started = ContinuousClock.now
        let hash = Self.fnv1aHex(query)
        do {
            let reply = try await connection.evaluate(.searchLookup, keys: [generationKey, epochKey],
                                                      arguments: [searchPrefix, hash], operation: "search.get")
            let elapsed = started.duration(to: .now)
            guard case let .array(items) = reply, items.count == 3, let generation = items[0].bytes, let epoch = items[1].bytes else {
                throw RedisFailure(kind: .protocolError, operation: "search.get", message: "unexpected reply", connection: 0)
            }
            if let value = items[2].bytes, let result = Self.unwrapSearch(value, query: query) {
                state.withLock { $0.hits += 1; $0.latency.record(elapsed) }
                return .hit(result)
            }
            state.withLock { $0.misses += 1; $0.latency.record(elapsed) }
            guard !epoch.isEmpty else { return .miss(fill: nil) }
            let key = searchPrefix + epoch + [UInt8(ascii: ":")] + generation + [UInt8(ascii: ":")] + hash
            return .miss(fill: SearchFillToken(key: key, query: query))
        } catch let error as RedisFailure {
            recordFailure(error, write: false)
            return .miss(fill: nil)
        } catch {
            return .miss(fill: nil)
        }
    }

    public func fillSearch(_ result: [UInt8], token: SearchFillToken) async {
        guard isUp else { return }
        var value: [UInt8] = []
        value.reserveCapacity(4 + token.query.count + result.count)
        let n = UInt32(token.query.count)
        value.append(contentsOf: [UInt8(n >> 24 & 0xff), UInt8(n >> 16 & 0xff), UInt8(n >> 8 & 0xff), UInt8(n & 0xff)])
        value.append(contentsOf: token.query)
        value.append(contentsOf: result)
        do {
            _ = try await connection.command([Array("SET".utf8), token.key, value, Array("EX".utf8), Array(String(ttlSeconds).utf8)],
                                             operation: "search.fill")
            state.withLock { $0.fills += 1 }
        } catch {
            recordFailure(error, write: false)
        }
    }

    static func unwrapSearch(_ value: [UInt8], query: [UInt8]) -> [UInt8]? {
        guard value.count >= 4 else { return nil }
        let n = Int(value[0]) << 24 | Int(value[1]) << 16 | Int(value[2]) << 8 | Int(value[3])
        guard n == query.count, value.count >= 4 + n, value[4..<(4 + n)].elementsEqual(query) else { return nil }
        return Array(value[(4 + n)...])
    }

    static func fnv1aHex(_ bytes: [UInt8]) -> [UInt8] {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        let hex = String(h, radix: 16)
        return Array((String(repeating: "0", count: 16 - hex.count) + hex).utf8)
    }
}
