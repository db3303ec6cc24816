package dev.syndic.push;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** X-Hub-Signature as hubs write it (four algorithms, either case), and what is no signature. */
class SignatureTest {

  private static final byte[] BODY = "<rss/>".getBytes(StandardCharsets.UTF_8);

  // HMACs of "<rss/>" under the key "k", computed apart (openssl dgst -hmac k).
  @ParameterizedTest(name = "{index}: {0}")
  @CsvSource(delimiter = '|', value = {
      "sha1=bf82329e457c44bd36f3c4ea66b655dbefe31bae | true",
      "SHA1=BF82329E457C44BD36F3C4EA66B655DBEFE31BAE | true",
      "sha256=1521e2a50627e1d3e8123649b300a14a5ea9ca9c6cc6544be668dbc5f9b5d66a | true",
      "sha384=155cc7a38a0aad42b2840bf0caa15d452ee46c8cdca68f0d44245580ad448f5c842c399bcb9e202f58072755a9d065bf | true",
      "sha512=cfc68fb35f33760c5a32a9b8df85355f62ac7b144955c032e455a3f0a9cd9d3434d70655e98b9fa4bc52a4d2c6d0f447f7c1ca8bcb0e3f2ab888470355e3c5d3 | true",
      "sha1=bf82329e457c44bd36f3c4ea66b655dbefe31bac | false",
      "sha512=bf82329e457c44bd36f3c4ea66b655dbefe31bae | false",
      "sha256=0000 | false",
      "sha256=zz | false",
      "md5=00 | false",
      "sha256 | false",
      "'' | false",
  })
  void aSignatureHoldsOnlyForTheBodyAndTheSecret(String signature, boolean valid) throws Exception {
    assertEquals(valid, PushSubscriptions.signed(new java.io.ByteArrayInputStream(BODY), signature, "k"));
  }
}
