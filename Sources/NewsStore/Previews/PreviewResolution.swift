/// What a preview link's token leads to.
public enum PreviewResolution: Sendable, Equatable {
    /// The link is live and its article not public yet: the article as readers will see it.
    case unpublished(Article)
    /// The article is public now, so the link leads to its public address.
    case published(Article)
    /// The link's time has run out.
    case expired
    /// An editor revoked the link.
    case revoked
}
