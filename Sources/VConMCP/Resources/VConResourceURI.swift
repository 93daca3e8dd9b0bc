import VConModel

/// The resource URIs of a vCon: `vcon://v1/vcons/{uuid}` and its section views.
struct VConResourceURI: Equatable {
    enum View: String, CaseIterable {
        case parties, dialog, analysis, attachments, transcript
    }

    static let base = "vcon://v1/vcons/"
    static let template = base + "{uuid}"

    let uuid: VConID
    /// nil for the whole vCon.
    let view: View?

    init(uuid: VConID, view: View?) { self.uuid = uuid; self.view = view }

    init?(_ uri: String) {
        guard uri.hasPrefix(Self.base) else { return nil }
        let parts = uri.dropFirst(Self.base.count).split(separator: "/", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let uuid = VConID(String(parts[0])) else { return nil }
        if parts.count == 2 {
            guard let view = View(rawValue: String(parts[1])) else { return nil }
            self.init(uuid: uuid, view: view)
        } else {
            self.init(uuid: uuid, view: nil)
        }
    }

    var string: String { Self.base + uuid.string + (view.map { "/" + $0.rawValue } ?? "") }
}
