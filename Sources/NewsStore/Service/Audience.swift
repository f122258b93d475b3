/// Who is reading. The public sees published articles whose time has come; editors (any valid
/// token) see drafts, archived and scheduled articles too.
public enum Audience: Sendable {
    case reader
    case editor
}
