internal import CHiredis

/// The bytes of a cache entry: `D<version>:<epoch>:<document>` or a tombstone `T<version>::`.
/// A document entry is served only when its epoch is the cache's current epoch, which the lookup
/// reads in the same round trip (MGET entry epoch).
enum RedisCacheEntry {
    enum Lookup: Sendable {
        case hit(version: Int64, document: [UInt8])
        /// `epoch` is the current epoch (nil when the epoch key is missing: no fill then).
        case miss(epoch: [UInt8]?)
    }

    struct Header: Equatable {
        var isTombstone: Bool
        var version: Int64
        var epoch: Range<Int>
        var bodyStart: Int
    }

    static func documentValue(version: Int64, epoch: [UInt8], document: [UInt8]) -> [UInt8] {
        var value: [UInt8] = []
        value.reserveCapacity(document.count + 40)
        value.append(UInt8(ascii: "D"))
        value.append(contentsOf: String(version).utf8)
        value.append(UInt8(ascii: ":"))
        value.append(contentsOf: epoch)
        value.append(UInt8(ascii: ":"))
        value.append(contentsOf: document)
        return value
    }

    /// Parses the header of an entry; nil for anything that is not ours.
    static func header(_ bytes: UnsafeRawBufferPointer) -> Header? {
        guard bytes.count >= 4 else { return nil }
        let kind = bytes[0]
        guard kind == UInt8(ascii: "D") || kind == UInt8(ascii: "T") else { return nil }
        var i = 1
        var version: Int64 = 0
        while i < bytes.count, bytes[i] >= UInt8(ascii: "0"), bytes[i] <= UInt8(ascii: "9") {
            let (times, o1) = version.multipliedReportingOverflow(by: 10)
            let (plus, o2) = times.addingReportingOverflow(Int64(bytes[i] - UInt8(ascii: "0")))
            guard !o1, !o2 else { return nil }
            version = plus
            i += 1
        }
        guard i > 1, i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
        let epochStart = i + 1
        var j = epochStart
        while j < bytes.count, bytes[j] != UInt8(ascii: ":") { j += 1 }
        guard j < bytes.count else { return nil }
        return Header(isTombstone: kind == UInt8(ascii: "T"), version: version, epoch: epochStart..<j, bodyStart: j + 1)
    }

    /// Decodes the reply of `MGET entry epoch` in place, copying only the document of a hit.
    @Sendable static func decodeLookup(_ reply: UnsafePointer<redisReply>) throws(RedisFailure) -> Lookup {
        let r = reply.pointee
        guard Int(r.type) == Int(REDIS_REPLY_ARRAY), r.elements == 2, let entry = r.element[0], let epochReply = r.element[1] else {
            throw RedisFailure(kind: .protocolError, operation: "get", message: "unexpected MGET reply", connection: 0)
        }
        guard Int(epochReply.pointee.type) == Int(REDIS_REPLY_STRING), let epochStr = epochReply.pointee.str else {
            return .miss(epoch: nil)
        }
        let epoch = UnsafeRawBufferPointer(start: epochStr, count: epochReply.pointee.len)
        guard Int(entry.pointee.type) == Int(REDIS_REPLY_STRING), let str = entry.pointee.str else {
            return .miss(epoch: Array(epoch))
        }
        let value = UnsafeRawBufferPointer(start: str, count: entry.pointee.len)
        guard let header = header(value), !header.isTombstone,
              header.epoch.count == epoch.count, value[header.epoch].elementsEqual(epoch) else {
            return .miss(epoch: Array(epoch))
        }
        return .hit(version: header.version, document: Array(value[header.bodyStart...]))
    }
}
