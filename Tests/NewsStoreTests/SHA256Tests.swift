import NewsStore
import Testing

@Suite struct SHA256Tests {
    /// FIPS 180-4 example messages (NIST CSRC "SHA256.pdf") and their digests.
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
    ])
    func nistVectors(message: String, digest: String) {
        #expect(SHA256.hexDigest(message) == digest)
    }

    @Test func oneMillionLetterAFromBothInputPaths() {
        let digest = "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        // `repeatElement` has no contiguous storage, so it is fed byte by byte; the array in place.
        let streamed = SHA256.hash(repeatElement(UInt8(ascii: "a"), count: 1_000_000))
        let contiguous = SHA256.hash([UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000))
        #expect(hex(streamed) == digest)
        #expect(hex(contiguous) == digest)
    }

    /// Lengths around the padding boundaries (55 fits one block, 56 spills into a second),
    /// checked against `head -c N /dev/zero | tr '\0' a | sha256sum`.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
    ])
    func paddingBoundaries(length: Int, digest: String) {
        let message = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        #expect(hex(SHA256.hash(message)) == digest)
        #expect(hex(SHA256.hash(message.lazy.map { $0 })) == digest)
    }

    @Test func arabicTextIsHashedAsUTF8() {
        // printf '%s' 'دمشق' | sha256sum
        let digest = "e3edce7e11971fd7a9bd2ce47043e3bdba98487f70b3db1b02766fe14c450586"
        #expect(SHA256.hexDigest("دمشق") == digest)
        #expect(hex(SHA256.hash([0xD8, 0xAF, 0xD9, 0x85, 0xD8, 0xB4, 0xD9, 0x82])) == digest)
    }

    @Test func byteAndStreamedPathsAgreeForEveryShortLength() {
        for length in 0...200 {
            let message = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
            #expect(SHA256.hash(message) == SHA256.hash(message.lazy.map { $0 }), "length \(length)")
        }
    }

    @Test func digestShapes() {
        #expect(SHA256.hash("x".utf8).count == 32)
        let text = SHA256.hexDigest("x")
        #expect(text.utf8.count == 64)
        #expect(text.utf8.allSatisfy { "0123456789abcdef".utf8.contains($0) })
    }

    private func hex(_ bytes: [UInt8]) -> String {
        bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}
