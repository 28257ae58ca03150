package dev.orderly.domain.ordering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyEncodingTest {

    private static String json(Object... values) {
        return KeyEncoding.toJson(Arrays.asList(values));
    }

    @Test
    void equalNumbersEncodeAlikeWhateverTheirJavaType() {
        assertThat(List.of(json(1), json(1L), json((short) 1), json((byte) 1), json(BigInteger.ONE), json(new BigDecimal("1.00")),
                json(1.0d), json(1.0f)))
                .containsOnly("[1]");
    }

    @Test
    void decimalsLoseTrailingZerosAndNeverUseAnExponent() {
        assertThat(json(new BigDecimal("1.50"))).isEqualTo("[1.5]");
        assertThat(json(new BigDecimal("2.00"))).isEqualTo("[2]");
        assertThat(json(new BigDecimal("0.00"))).isEqualTo("[0]");
        assertThat(json(new BigDecimal("1.2E+3"))).isEqualTo("[1200]");
        assertThat(json(new BigDecimal("1200.000"))).isEqualTo("[1200]");
        assertThat(json(new BigDecimal("-0.000100"))).isEqualTo("[-0.0001]");
        assertThat(json(new BigDecimal("1E-20"))).isEqualTo("[0.00000000000000000001]");
        assertThat(json(new BigDecimal("-12345678901234567890.1234567890"))).isEqualTo("[-12345678901234567890.123456789]");
    }

    @Test
    void integersKeepEveryDigit() {
        assertThat(json(Long.MIN_VALUE)).isEqualTo("[-9223372036854775808]");
        assertThat(json(new BigInteger("18446744073709551615"))).isEqualTo("[18446744073709551615]");
        assertThat(json(-7)).isEqualTo("[-7]");
    }

    @Test
    void doublesAreWrittenAsTheirExactDecimalValue() {
        assertThat(json(0.1d)).isEqualTo("[0.1000000000000000055511151231257827021181583404541015625]");
        assertThat(json(0.1f)).isEqualTo("[0.100000001490116119384765625]");
        assertThat(json(0.5d)).isEqualTo("[0.5]");
        assertThat(json(1e20d)).isEqualTo("[100000000000000000000]");
        assertThat(json(-0.0d)).isEqualTo(json(0.0d)).isEqualTo("[0]");
    }

    @Test
    void nonFiniteDoublesAreTaggedObjects() {
        assertThat(json(Double.NaN)).isEqualTo("[{\"double\":\"NaN\"}]");
        assertThat(json(Double.POSITIVE_INFINITY)).isEqualTo("[{\"double\":\"Infinity\"}]");
        assertThat(json(Float.NEGATIVE_INFINITY)).isEqualTo("[{\"double\":\"-Infinity\"}]");
    }

    @Test
    void booleansAndNullsAreJsonLiterals() {
        assertThat(json(true, false, null)).isEqualTo("[true,false,null]");
    }

    @Test
    void quoteAndBackslashAreEscaped() {
        assertThat(json("say \"hi\" \\ bye")).isEqualTo("[\"say \\\"hi\\\" \\\\ bye\"]");
    }

    @Test
    void everyControlCharacterIsALowerCaseUnicodeEscape() {
        for (char c = 0; c < 0x20; c++) {
            assertThat(json(String.valueOf(c))).isEqualTo(String.format("[\"\\u%04x\"]", (int) c));
        }
        assertThat(json("a\tb\nc")).isEqualTo("[\"a\\u0009b\\u000ac\"]");
    }

    @Test
    void everythingElseIsWrittenAsItself() {
        assertThat(json("/\u007f\u2028é東")).isEqualTo("[\"/\u007f\u2028é東\"]");
        assertThat(json("😀")).isEqualTo("[\"😀\"]");
        assertThat(KeyEncoding.encode(List.of("😀"))).hasSize(8);
    }

    @Test
    void unpairedSurrogatesAreEscapedSoTheBytesAreValidUtf8() {
        assertThat(json("\uD800")).isEqualTo("[\"\\ud800\"]");
        assertThat(json("\uDC00x")).isEqualTo("[\"\\udc00x\"]");
        assertThat(json("\uDE00\uD83D")).isEqualTo("[\"\\ude00\\ud83d\"]");
        assertThat(json("\uD800\uD83D\uDE00")).isEqualTo("[\"\\ud800😀\"]");
    }

    @Test
    void bytesAreStandardBase64WithPadding() {
        assertThat(json(new byte[] {0, (byte) 0xff, 0x10})).isEqualTo("[{\"base64\":\"AP8Q\"}]");
        assertThat(json(new byte[] {(byte) 0xfb, (byte) 0xff})).isEqualTo("[{\"base64\":\"+/8=\"}]");
        assertThat(json(new byte[0])).isEqualTo("[{\"base64\":\"\"}]");
    }

    @Test
    void valuesAreJoinedWithoutWhiteSpaceInKeyOrder() {
        assertThat(json(7L, "eu-west", null, new BigDecimal("3.10"))).isEqualTo("[7,\"eu-west\",null,3.1]");
    }

    @Test
    void theBytesAreTheUtf8OfTheText() {
        assertThat(KeyEncoding.encode(List.of("Grüße"))).isEqualTo("[\"Grüße\"]".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnsupportedTypeIsRejectedNamingTypeValueAndFix() {
        assertThatThrownBy(() -> KeyEncoding.encode(List.of(LocalDate.of(2024, 2, 29))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a key value must be null, an integer, a decimal, a double, a boolean, a string or bytes but got "
                        + "java.time.LocalDate (2024-02-29); convert it in the source adapter");
        assertThatThrownBy(() -> KeyEncoding.encode(List.of('x')))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.Character (x)");
    }

    @Test
    void shardingKeysAreEqualWhenTheirEncodingsAre() {
        ShardingKey fromLong = new ShardingKey(List.of(1L, "a"));
        ShardingKey fromInteger = new ShardingKey(List.of(1, "a"));

        assertThat(fromLong).isEqualTo(fromInteger).hasSameHashCodeAs(fromInteger);
        assertThat(fromLong).isNotEqualTo(new ShardingKey(List.of(1L, "b")));
        assertThat(fromLong.toString()).isEqualTo("[1,\"a\"]");
        assertThat(fromLong.encoded()).isEqualTo("[1,\"a\"]".getBytes(StandardCharsets.UTF_8));
        assertThat(new ShardingKey(Arrays.asList((Object) null)).values()).containsExactly((Object) null);
    }

    @Test
    void noKeyHasNoBytes() {
        assertThat(ShardingKey.NONE.isNone()).isTrue();
        assertThat(ShardingKey.NONE.encoded()).isEmpty();
        assertThat(ShardingKey.NONE).hasToString("(no key)");
    }
}
