#!/usr/bin/env python3
"""Draws the ImageSearch sample's images: small 64x64 scenes in the style of samples/ResNet18Features/images/house.ppm
(generated, public domain). Three subjects, each in variations, so that nearest neighbours have something to find:
houses, sailing boats and trees. Rerun with `python3 generate.py` in this folder; the output is deterministic."""
import math

W = H = 64


def canvas(top, bottom):
    return [[tuple(int(top[c] + (bottom[c] - top[c]) * y / (H - 1)) for c in range(3)) for _ in range(W)] for y in range(H)]


def rect(img, x0, y0, x1, y1, color):
    for y in range(max(0, y0), min(H, y1)):
        for x in range(max(0, x0), min(W, x1)):
            img[y][x] = color


def disc(img, cx, cy, r, color):
    for y in range(H):
        for x in range(W):
            if (x - cx) ** 2 + (y - cy) ** 2 <= r * r:
                img[y][x] = color


def triangle(img, a, b, c, color):
    def side(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])
    for y in range(H):
        for x in range(W):
            p = (x + 0.5, y + 0.5)
            d1, d2, d3 = side(a, b, p), side(b, c, p), side(c, a, p)
            if not ((d1 < 0 or d2 < 0 or d3 < 0) and (d1 > 0 or d2 > 0 or d3 > 0)):
                img[y][x] = color


def hills(img, base, color, phase=0.0):
    for x in range(W):
        top = int(base + 4 * math.sin(x / 9.0 + phase))
        for y in range(top, H):
            shade = 1.0 - 0.15 * ((x + y) % 7) / 7
            img[y][x] = tuple(int(v * shade) for v in color)


def sea(img, level, color):
    for y in range(level, H):
        for x in range(W):
            wave = 0.85 + 0.15 * math.sin(x / 3.0 + y * 1.3)
            img[y][x] = tuple(min(255, int(v * wave)) for v in color)


def house(img, x, y, wall, roof):
    rect(img, x, y, x + 20, y + 18, wall)
    triangle(img, (x - 3, y), (x + 23, y), (x + 10, y - 12), roof)
    rect(img, x + 8, y + 9, x + 13, y + 18, (80, 50, 20))
    rect(img, x + 2, y + 4, x + 6, y + 8, (200, 220, 255))


def boat(img, x, y, hull, sail):
    triangle(img, (x, y), (x + 24, y), (x + 20, y + 6), hull)
    triangle(img, (x, y), (x + 4, y + 6), (x + 20, y + 6), hull)
    rect(img, x + 11, y - 20, x + 13, y, (90, 60, 30))
    triangle(img, (x + 13, y - 20), (x + 13, y - 2), (x + 25, y - 2), sail)
    triangle(img, (x + 11, y - 16), (x + 11, y - 2), (x + 2, y - 2), sail)


def tree(img, x, y, leaves):
    rect(img, x - 2, y, x + 2, y + 14, (100, 65, 30))
    disc(img, x, y - 4, 9, leaves)


def save(name, img):
    with open(name, "wb") as f:
        f.write(b"P6\n# OpenVerify ImageSearch sample image: " + name.encode() + b" (generated, public domain)\n64 64\n255\n")
        f.write(bytes(v for row in img for px in row for v in px))


day = ((110, 160, 230), (190, 220, 250))
dusk = ((60, 40, 110), (240, 150, 90))

img = canvas(*day); disc(img, 48, 12, 7, (250, 220, 60)); hills(img, 44, (60, 150, 50)); house(img, 12, 30, (200, 70, 50), (110, 40, 30)); save("house-day.ppm", img)
img = canvas(*dusk); disc(img, 14, 14, 6, (255, 200, 90)); hills(img, 46, (40, 110, 45), 1.0); house(img, 30, 32, (220, 200, 150), (70, 50, 60)); save("house-dusk.ppm", img)
img = canvas(*day); sea(img, 44, (40, 90, 170)); boat(img, 18, 42, (150, 60, 40), (245, 245, 235)); disc(img, 52, 10, 6, (250, 220, 60)); save("boat-day.ppm", img)
img = canvas(*dusk); sea(img, 46, (50, 60, 120)); boat(img, 30, 44, (60, 60, 70), (250, 230, 200)); save("boat-dusk.ppm", img)
img = canvas(*day); hills(img, 48, (70, 160, 60)); tree(img, 32, 30, (40, 120, 40)); save("tree-day.ppm", img)
img = canvas(*dusk); hills(img, 47, (50, 120, 50), 2.0); tree(img, 20, 32, (30, 90, 40)); tree(img, 44, 30, (40, 100, 35)); save("trees-dusk.ppm", img)
