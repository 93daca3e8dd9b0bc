import Foundation

/// UUIDv8 per the vCon draft: laid out like UUIDv7 (48-bit Unix milliseconds, version, 12 random
/// bits, variant) with the last 62 bits taken from the high 62 bits of the SHA-1 of a host name.
public enum UUIDv8 {
    public static func make(milliseconds: UInt64, domain: String, randomA: UInt16) -> VConID {
        var b = [UInt8](repeating: 0, count: 16)
        for i in 0..<6 { b[i] = UInt8((milliseconds >> UInt64(8 * (5 - i))) & 0xFF) }
        b[6] = 0x80 | UInt8((randomA >> 8) & 0x0F)
        b[7] = UInt8(randomA & 0xFF)
        let digest = SHA1.hash(Array(domain.utf8))
        // High 62 bits of the hash, placed after the 2-bit variant `10`.
        var high: UInt64 = 0
        for i in 0..<8 { high = high << 8 | UInt64(digest[i]) }
        let custom = (high >> 2) | (UInt64(0b10) << 62)
        for i in 0..<8 { b[8 + i] = UInt8((custom >> UInt64(8 * (7 - i))) & 0xFF) }
        let hex = b.map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
        let u = Array(hex)
        let text = String(u[0..<8]) + "-" + String(u[8..<12]) + "-" + String(u[12..<16]) + "-" + String(u[16..<20]) + "-" + String(u[20..<32])
        return VConID(text)!
    }

    static func currentMilliseconds() -> UInt64 { UInt64(Date().timeIntervalSince1970 * 1000) }
}
