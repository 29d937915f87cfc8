package io.zyphos.http2.frame;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §6.5.2 (with RFC 8441 §3 and RFC 9218 §2.1): the eight settings, their initial values,
 * the values each allows, and how a SETTINGS frame changes only the settings it gives.
 */
class Http2SettingsTest {

    @Test
    void beforeAnySettingsFrameEachSettingHasItsInitialValue() {
        Http2Settings initial = Http2Settings.defaults();
        assertEquals(4096, initial.headerTableSize());
        assertTrue(initial.enablePush());
        assertEquals(Http2Settings.UNLIMITED, initial.maxConcurrentStreams());
        assertEquals(65_535, initial.initialWindowSize());
        assertEquals(16_384, initial.maxFrameSize());
        assertEquals(Http2Settings.UNLIMITED, initial.maxHeaderListSize());
        assertFalse(initial.enableConnectProtocol());
        assertFalse(initial.noRfc7540Priorities());
        assertTrue(initial.isEmpty());
        assertEquals("{}", initial.toString());
    }

    @Test
    void aSettingsFrameChangesOnlyTheSettingsItGives() {
        Http2Settings peer = Http2Settings.defaults()
                .updatedBy(Http2Settings.defaults().with(Http2Setting.INITIAL_WINDOW_SIZE, 1000));
        peer = peer.updatedBy(Http2Settings.defaults().with(Http2Setting.MAX_FRAME_SIZE, 1 << 20));
        assertEquals(1000, peer.initialWindowSize());
        assertEquals(1 << 20, peer.maxFrameSize());
        assertEquals(4096, peer.headerTableSize());
        assertTrue(peer.contains(Http2Setting.MAX_FRAME_SIZE));
        assertFalse(peer.contains(Http2Setting.HEADER_TABLE_SIZE));
        assertEquals(2, peer.size());
        assertEquals("{INITIAL_WINDOW_SIZE=1000, MAX_FRAME_SIZE=1048576}", peer.toString());
        assertEquals(peer, peer.updatedBy(Http2Settings.defaults()));
    }

    @Test
    void valuesTheRfcsForbidAreRefusedLocally() {
        Http2Settings s = Http2Settings.defaults();
        assertThrows(IllegalArgumentException.class, () -> s.with(Http2Setting.ENABLE_PUSH, 2));
        assertThrows(IllegalArgumentException.class, () -> s.with(Http2Setting.INITIAL_WINDOW_SIZE, 1L << 31));
        assertThrows(IllegalArgumentException.class, () -> s.with(Http2Setting.MAX_FRAME_SIZE, 16_383));
        assertThrows(IllegalArgumentException.class, () -> s.with(Http2Setting.MAX_FRAME_SIZE, 1 << 24));
        assertThrows(IllegalArgumentException.class, () -> s.with(Http2Setting.ENABLE_CONNECT_PROTOCOL, 2));
        assertThrows(IllegalArgumentException.class, () -> s.with(Http2Setting.NO_RFC7540_PRIORITIES, 2));
        assertThrows(IllegalArgumentException.class, () -> s.with(Http2Setting.MAX_CONCURRENT_STREAMS, -1));
        assertThrows(IllegalArgumentException.class, () -> s.with(Http2Setting.MAX_CONCURRENT_STREAMS, 1L << 32));
        assertEquals(0xFFFF_FFFFL, s.with(Http2Setting.MAX_HEADER_LIST_SIZE, 0xFFFF_FFFFL).maxHeaderListSize());
    }

    @Test
    void settingsAreValues() {
        Http2Settings a = Http2Settings.defaults().with(Http2Setting.ENABLE_PUSH, 0);
        Http2Settings b = Http2Settings.defaults().with(Http2Setting.ENABLE_PUSH, 0);
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertNotEquals(a, Http2Settings.defaults().with(Http2Setting.ENABLE_PUSH, 1));
        assertNotEquals(Http2Settings.defaults(), Http2Settings.defaults().with(Http2Setting.ENABLE_PUSH, 1),
                "giving the initial value is not the same as giving none");
    }

    @Test
    void identifiersAreTheRegisteredOnes() {
        int[] ids = {0x1, 0x2, 0x3, 0x4, 0x5, 0x6, 0x8, 0x9};
        Http2Setting[] settings = Http2Setting.values();
        for (int i = 0; i < ids.length; i++) {
            assertEquals(settings[i], Http2Setting.forId(ids[i]));
            assertEquals(ids[i], settings[i].id());
        }
        assertNull(Http2Setting.forId(0x0));
        assertNull(Http2Setting.forId(0x7));
        assertNull(Http2Setting.forId(0xFFFF));
    }
}
