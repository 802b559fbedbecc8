package io.newsflow.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.http.AddressPolicy.Category;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "127.0.0.1, LOOPBACK", "127.255.255.254, LOOPBACK", "::1, LOOPBACK",
        "10.1.2.3, PRIVATE", "172.16.0.1, PRIVATE", "172.31.255.255, PRIVATE", "192.168.1.1, PRIVATE",
        "fc00::1, PRIVATE", "fd12:3456::1, PRIVATE", "fec0::1, PRIVATE",
        "100.64.0.1, SHARED_CGNAT", "100.127.255.255, SHARED_CGNAT",
        "169.254.1.1, LINK_LOCAL", "fe80::1, LINK_LOCAL",
        "169.254.169.254, CLOUD_METADATA", "fd00:ec2::254, CLOUD_METADATA",
        "224.0.0.1, MULTICAST", "239.255.255.250, MULTICAST", "ff02::1, MULTICAST",
        "0.0.0.0, UNSPECIFIED", "0.1.2.3, UNSPECIFIED", "::, UNSPECIFIED",
        "255.255.255.255, BROADCAST",
        "240.0.0.1, RESERVED", "192.0.2.1, RESERVED", "198.51.100.7, RESERVED", "203.0.113.9, RESERVED",
        "2001:db8::1, RESERVED", "2001:0:4136:e378:8000:63bf:3fff:fdd2, RESERVED", "100::1, RESERVED",
        "198.18.0.1, BENCHMARKING",
        "::ffff:10.0.0.1, PRIVATE", "::ffff:7f00:1, LOOPBACK", "::ffff:169.254.169.254, CLOUD_METADATA",
        "::127.0.0.1, LOOPBACK", "64:ff9b::a9fe:a9fe, CLOUD_METADATA", "64:ff9b::7f00:1, LOOPBACK",
        "2002:7f00:1::, LOOPBACK", "2002:c0a8:101::1, PRIVATE",
        "8.8.8.8, PUBLIC", "93.184.215.14, PUBLIC", "172.32.0.1, PUBLIC", "100.128.0.1, PUBLIC",
        "2606:4700::1111, PUBLIC", "64:ff9b::808:808, PUBLIC", "2002:808:808::1, PUBLIC"
    })
    void shouldRecogniseEverySpecialPurposeRange(String address, Category expected) throws UnknownHostException {
        assertThat(AddressPolicy.categorize(InetAddress.getByName(address))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource({
        "127.1, 127.0.0.1", "0x7f000001, 127.0.0.1", "2130706433, 127.0.0.1", "0177.0.0.1, 127.0.0.1",
        "0x7f.0.0.1, 127.0.0.1", "127.0.1, 127.0.0.1", "017700000001, 127.0.0.1", "10.1, 10.0.0.1",
        "0xa9fea9fe, 169.254.169.254", "0, 0.0.0.0", "127.0.0.1., 127.0.0.1", "0X7F000001, 127.0.0.1"
    })
    void shouldParseTheCLibrarysIpv4SpellingsToTheAddressTheyMean(String spelling, String address)
            throws UnknownHostException {
        assertThat(AddressPolicy.parseLenientIpv4(spelling)).contains(
                (java.net.Inet4Address) InetAddress.getByName(address));
    }

    @Test
    void shouldLeaveHostNamesAndOutOfRangeNumbersAlone() {
        assertThat(AddressPolicy.parseLenientIpv4("example.com")).isEmpty();
        assertThat(AddressPolicy.parseLenientIpv4("1e100.net")).isEmpty();
        assertThat(AddressPolicy.parseLenientIpv4("256.1.1.1")).isEmpty();
        assertThat(AddressPolicy.parseLenientIpv4("4294967296")).isEmpty();
        assertThat(AddressPolicy.parseLenientIpv4("1.2.3.4.5")).isEmpty();
        assertThat(AddressPolicy.parseLenientIpv4("08.0.0.1")).isEmpty();
    }

    @Test
    void shouldNeverLetThePrivateOverrideOpenMetadataMulticastOrUnspecified() throws UnknownHostException {
        assertThat(AddressPolicy.refusal(InetAddress.getByName("127.0.0.1"), true)).isEmpty();
        assertThat(AddressPolicy.refusal(InetAddress.getByName("10.0.0.1"), true)).isEmpty();
        assertThat(AddressPolicy.refusal(InetAddress.getByName("169.254.169.254"), true))
                .hasValueSatisfying(reason -> assertThat(reason).contains("cloud metadata"));
        assertThat(AddressPolicy.refusal(InetAddress.getByName("224.0.0.1"), true)).isPresent();
        assertThat(AddressPolicy.refusal(InetAddress.getByName("0.0.0.0"), true)).isPresent();
        assertThat(AddressPolicy.refusal(InetAddress.getByName("127.0.0.1"), false))
                .hasValueSatisfying(reason -> assertThat(reason).contains("loopback").contains("allowed private"));
        assertThat(AddressPolicy.refusal(InetAddress.getByName("8.8.8.8"), false)).isEmpty();
    }

    @Test
    void shouldRefuseMetadataAndLoopbackNames() {
        assertThat(AddressPolicy.nameRefusal("metadata.google.internal.", true)).isPresent();
        assertThat(AddressPolicy.nameRefusal("METADATA.GOOGLE.INTERNAL", false)).isPresent();
        assertThat(AddressPolicy.nameRefusal("localhost", false)).isPresent();
        assertThat(AddressPolicy.nameRefusal("api.localhost", false)).isPresent();
        assertThat(AddressPolicy.nameRefusal("localhost", true)).isEmpty();
        assertThat(AddressPolicy.nameRefusal("example.com", false)).isEmpty();
    }
}
