"""Cover images for the demo articles, drawn with Pillow so nothing is downloaded."""

import io
import math
import random

from PIL import Image, ImageChops, ImageDraw, ImageOps

SIZE = (1600, 900)
# Dark to light pairs of the brand blues.
PALETTES = (
    ((6, 30, 66), (22, 104, 184)),
    ((4, 44, 84), (0, 132, 190)),
    ((12, 24, 60), (52, 112, 204)),
    ((2, 54, 92), (38, 150, 200)),
)
WHITE = (255, 255, 255)


def make_cover(motif, seed):
    """JPEG bytes of a 1600×900 blue gradient with the shapes of `motif` (see MOTIFS)."""
    rng = random.Random(seed)
    start, end = PALETTES[seed % len(PALETTES)]
    image = _gradient(start, end, flip=rng.random() < 0.5).convert("RGBA")
    overlay = Image.new("RGBA", SIZE, (0, 0, 0, 0))
    MOTIFS[motif](ImageDraw.Draw(overlay), rng)
    image = Image.alpha_composite(image, overlay).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=86, optimize=True, progressive=True)
    return buffer.getvalue()


def _gradient(start, end, flip):
    vertical = Image.linear_gradient("L")
    diagonal = ImageChops.add(vertical, vertical.rotate(90 if flip else -90), scale=2)
    return ImageOps.colorize(diagonal.resize(SIZE, Image.Resampling.BICUBIC), start, end)


def _molecules(draw, rng):
    """Pairs of joined atoms: hydrogen, H₂."""
    for _ in range(9):
        x, y = rng.randrange(80, SIZE[0] - 80), rng.randrange(80, SIZE[1] - 80)
        radius = rng.randrange(26, 70)
        angle = rng.uniform(0, math.pi)
        distance = radius * 2.6
        x2, y2 = x + distance * math.cos(angle), y + distance * math.sin(angle)
        alpha = rng.randrange(50, 130)
        draw.line((x, y, x2, y2), fill=(*WHITE, alpha), width=max(6, radius // 4))
        for cx, cy in ((x, y), (x2, y2)):
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=(*WHITE, alpha))


def _hexagons(draw, rng):
    """A honeycomb, as in fuel cell and catalyst diagrams, thinning out to one side."""
    radius = rng.randrange(60, 90)
    width, height = radius * math.sqrt(3), radius * 1.5
    for row in range(int(SIZE[1] / height) + 2):
        for column in range(int(SIZE[0] / width) + 2):
            x = column * width + (width / 2 if row % 2 else 0)
            y = row * height
            if rng.random() > x / SIZE[0]:
                continue  # sparse on the left, where a title might sit
            alpha = rng.randrange(40, 150)
            fill = (*WHITE, alpha // 3) if rng.random() < 0.25 else None
            draw.regular_polygon(
                (x, y, radius - 6), 6, rotation=30, fill=fill, outline=(*WHITE, alpha), width=4
            )


def _rings(draw, rng):
    """Concentric rings, like the cross-section of a storage tank."""
    cx = rng.choice((SIZE[0] * 0.78, SIZE[0] * 0.22))
    cy = SIZE[1] * rng.uniform(0.35, 0.65)
    for radius in range(80, 900, 70):
        alpha = max(25, 170 - radius // 6)
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius),
            outline=(*WHITE, alpha),
            width=rng.choice((3, 5, 8)),
        )
    draw.ellipse((cx - 50, cy - 50, cx + 50, cy + 50), fill=(*WHITE, 200))


def _flow(draw, rng):
    """Diagonal bands, like a production line or a flow chart."""
    for _ in range(14):
        x = rng.randrange(-400, SIZE[0])
        band = rng.randrange(20, 140)
        alpha = rng.randrange(25, 90)
        draw.polygon(
            ((x, SIZE[1]), (x + band, SIZE[1]), (x + band + 500, 0), (x + 500, 0)),
            fill=(*WHITE, alpha),
        )
    for _ in range(5):
        y = rng.randrange(120, SIZE[1] - 120)
        draw.line((0, y, SIZE[0], y - rng.randrange(-200, 200)), fill=(*WHITE, 120), width=3)


MOTIFS = {
    "molecules": _molecules,
    "hexagons": _hexagons,
    "rings": _rings,
    "flow": _flow,
}
