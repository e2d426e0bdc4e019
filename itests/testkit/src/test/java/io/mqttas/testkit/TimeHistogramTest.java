package io.mqttas.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimeHistogramTest {

  @Test
  void percentilesDensestWindowAndRendering() {
    TimeHistogram h = new TimeHistogram();
    for (int i = 1; i <= 100; i++) {
      h.add(i * 10); // 10 .. 1000 ms, one every 10 ms
    }
    h.add(505).add(506).add(507); // a small crowd
    assertEquals(103, h.count());
    assertEquals(10, h.min());
    assertEquals(1000, h.max());
    assertEquals(500, h.percentile(48), 10);
    assertEquals(13, h.densestWindow(100), "10 regular + 3 crowded in one 100 ms window");
    assertEquals(4, h.densestWindow(10), "three crowded and their neighbour at 510 is outside, 500 inside");
    String text = h.render(100);
    assertTrue(text.lines().count() == 11, text);
    assertTrue(text.contains("500–600"), text);
    assertTrue(h.summary().startsWith("103 events, min 10"), h.summary());
  }

  @Test
  void aHerdIsOneWindow() {
    TimeHistogram h = new TimeHistogram();
    for (int i = 0; i < 200; i++) {
      h.add(3000 + i * 0.2);
    }
    assertEquals(200, h.densestWindow(100));
    assertThrows(IllegalStateException.class, () -> new TimeHistogram().percentile(50));
  }
}
