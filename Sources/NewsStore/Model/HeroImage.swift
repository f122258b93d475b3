/// The image at the top of an article, with the alt text screen readers need.
public typealias HeroImage = Block.Image
