package com.shipjoy.platform.web;

import java.util.List;

/** Every list endpoint's answer: {@code page} counts from 0. */
public record Page<T>(List<T> items, int page, int size, long total) {
}
