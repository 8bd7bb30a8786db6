"""Flat illustrations for the demo content, drawn with Pillow: nothing is downloaded.

Each function returns the bytes of a small JPEG (photos-like illustrations) or PNG (logos). Shapes
are drawn at twice the size, then reduced, which smooths their edges. The colours are the site's.
"""

import io
import random

from PIL import Image, ImageDraw, ImageFont

PRIMARY = "#0b5e5a"
PRIMARY_DARK = "#08403d"
PRIMARY_TINT = "#e6f0ee"
ACCENT = "#a6401f"
GOLD = "#f3c98b"
SAND = "#f5ede1"
NIGHT = "#17383a"
PAPER = "#fffcf7"
SKIN_TONES = ["#8d5524", "#c68642", "#e0ac69", "#f1c27d", "#5c3a21"]
CLOTHES = [PRIMARY, ACCENT, "#3d6e8f", "#7a4f8a", "#c9822b", NIGHT]

SUPERSAMPLING = 2


class Canvas:
    """A drawing surface in final-size coordinates, drawn at SUPERSAMPLING times the size."""

    def __init__(self, width, height, background):
        self.width, self.height = width, height
        self.image = Image.new("RGB", (width * SUPERSAMPLING, height * SUPERSAMPLING), background)
        self.draw = ImageDraw.Draw(self.image)

    @staticmethod
    def _scale(box):
        return [round(coordinate * SUPERSAMPLING) for coordinate in box]

    def rectangle(self, box, fill, radius=0):
        self.draw.rounded_rectangle(self._scale(box), radius=radius * SUPERSAMPLING, fill=fill)

    def ellipse(self, box, fill):
        self.draw.ellipse(self._scale(box), fill=fill)

    def polygon(self, points, fill):
        self.draw.polygon(self._scale([c for point in points for c in point]), fill=fill)

    def line(self, points, fill, width):
        self.draw.line(
            self._scale([c for point in points for c in point]),
            fill=fill,
            width=width * SUPERSAMPLING,
            joint="curve",
        )

    def text(self, centre, word, size, fill):
        font = ImageFont.load_default(size=size * SUPERSAMPLING)
        x, y = self._scale(centre)
        self.draw.text((x, y), word, font=font, fill=fill, anchor="mm")

    def person(self, x, ground, height, skin, clothes):
        """A standing figure whose feet touch `ground`, centred on x."""
        head = height * 0.22
        body_top = ground - height + head * 1.1
        self.rectangle(
            (x - height * 0.2, body_top, x + height * 0.2, ground), clothes, radius=height * 0.12
        )
        self.ellipse((x - head / 2, ground - height, x + head / 2, ground - height + head), skin)

    def to_bytes(self, image_format="JPEG"):
        final = self.image.resize((self.width, self.height), Image.Resampling.LANCZOS)
        buffer = io.BytesIO()
        if image_format == "JPEG":
            final.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
        else:
            final.save(buffer, format=image_format, optimize=True)
        return buffer.getvalue()


def neighbourhood(width=1200, height=630):
    """Blocks of flats at sunrise, people walking towards a welcoming door."""
    # Seeded for the same picture every time; nothing secret depends on it.
    rng = random.Random(108)  # noqa: S311
    canvas = Canvas(width, height, SAND)
    canvas.ellipse((width * 0.68, height * 0.08, width * 0.68 + 190, height * 0.08 + 190), GOLD)
    ground = height * 0.78
    x = -20
    while x < width:
        block_width = rng.randint(110, 190)
        block_height = rng.randint(170, 360)
        colour = rng.choice([PRIMARY, PRIMARY_DARK, "#2f7a73", NIGHT])
        canvas.rectangle((x, ground - block_height, x + block_width, ground), colour)
        for window_y in range(int(ground - block_height + 22), int(ground - 30), 38):
            for window_x in range(int(x + 16), int(x + block_width - 24), 32):
                lit = rng.random() < 0.35
                canvas.rectangle(
                    (window_x, window_y, window_x + 16, window_y + 20),
                    GOLD if lit else PRIMARY_TINT,
                    radius=2,
                )
        x += block_width + rng.randint(6, 24)
    canvas.rectangle((0, ground, width, height), "#d9c9b1")
    canvas.rectangle((width * 0.44, ground - 96, width * 0.44 + 70, ground), ACCENT, radius=6)
    for index, person_x in enumerate([120, 250, 330, 760, 880, 1010]):
        canvas.person(
            person_x,
            height - 28,
            rng.randint(110, 150),
            SKIN_TONES[index % len(SKIN_TONES)],
            CLOTHES[index % len(CLOTHES)],
        )
    return canvas.to_bytes()


def welcome_desk(width=800, height=450):
    """An adviser and a visitor on either side of a table, a speech bubble between them."""
    canvas = Canvas(width, height, PRIMARY_TINT)
    canvas.rectangle((0, height * 0.82, width, height), "#cfe0dc")
    canvas.person(width * 0.3, height * 0.88, 230, SKIN_TONES[1], ACCENT)
    canvas.person(width * 0.7, height * 0.88, 220, SKIN_TONES[3], PRIMARY)
    canvas.rectangle((width * 0.18, height * 0.62, width * 0.82, height * 0.68), NIGHT, radius=6)
    canvas.rectangle((width * 0.22, height * 0.68, width * 0.26, height * 0.9), NIGHT)
    canvas.rectangle((width * 0.74, height * 0.68, width * 0.78, height * 0.9), NIGHT)
    canvas.rectangle((width * 0.44, height * 0.55, width * 0.56, height * 0.62), PAPER, radius=3)
    canvas.rectangle((width * 0.4, height * 0.12, width * 0.6, height * 0.3), PAPER, radius=18)
    canvas.polygon(
        [(width * 0.47, height * 0.3), (width * 0.53, height * 0.3), (width * 0.45, height * 0.38)],
        PAPER,
    )
    for dot in range(3):
        centre_x = width * 0.46 + dot * width * 0.04
        canvas.ellipse((centre_x - 7, height * 0.21 - 7, centre_x + 7, height * 0.21 + 7), PRIMARY)
    return canvas.to_bytes()


def workplace(width=800, height=450):
    """A workshop and an office side by side, two people shaking hands in front."""
    canvas = Canvas(width, height, SAND)
    canvas.polygon(
        [
            (60, 300),
            (60, 170),
            (150, 120),
            (150, 170),
            (240, 120),
            (240, 170),
            (330, 120),
            (330, 300),
        ],
        PRIMARY_DARK,
    )
    canvas.rectangle((430, 70, 640, 300), PRIMARY)
    for row in range(5):
        for column in range(4):
            canvas.rectangle(
                (450 + column * 48, 90 + row * 40, 478 + column * 48, 114 + row * 40), GOLD, 3
            )
    canvas.rectangle((0, 300, width, height), "#d9c9b1")
    canvas.person(340, 420, 200, SKIN_TONES[0], ACCENT)
    canvas.person(460, 420, 200, SKIN_TONES[2], NIGHT)
    canvas.line([(360, 320), (400, 330), (440, 320)], SKIN_TONES[2], 14)
    return canvas.to_bytes()


def seedling(width=800, height=450):
    """A young plant growing from a pot, surrounded by small circles joined together."""
    canvas = Canvas(width, height, PRIMARY_TINT)
    for centre_x, centre_y, radius in [
        (150, 120, 40),
        (650, 110, 46),
        (130, 330, 30),
        (680, 320, 36),
    ]:
        canvas.ellipse(
            (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius), GOLD
        )
    canvas.line([(150, 120), (400, 220), (650, 110)], "#b7d3cd", 6)
    canvas.line([(130, 330), (400, 220), (680, 320)], "#b7d3cd", 6)
    canvas.line([(400, 330), (400, 170)], PRIMARY_DARK, 12)
    canvas.ellipse((300, 150, 400, 215), PRIMARY)
    canvas.ellipse((400, 110, 510, 180), "#2f7a73")
    canvas.polygon([(330, 320), (470, 320), (450, 410), (350, 410)], ACCENT)
    return canvas.to_bytes()


def cooperation(width=800, height=450):
    """Three overlapping circles: the Plateforme, the « 108 » and the partners."""
    canvas = Canvas(width, height, PAPER)
    canvas.ellipse((170, 60, 430, 320), PRIMARY)
    canvas.ellipse((370, 60, 630, 320), ACCENT)
    canvas.ellipse((270, 170, 530, 430), GOLD)
    canvas.ellipse((375, 180, 425, 230), PAPER)
    return canvas.to_bytes()


def rising_bars(width=800, height=450):
    """A bar chart that rises from left to right, with an arrow."""
    canvas = Canvas(width, height, SAND)
    canvas.rectangle((80, 380, 720, 388), NIGHT)
    for index, bar_height in enumerate([90, 150, 200, 260, 310]):
        left = 120 + index * 120
        colour = ACCENT if index == 4 else PRIMARY
        canvas.rectangle((left, 380 - bar_height, left + 80, 380), colour, radius=6)
    canvas.line([(110, 300), (300, 220), (420, 240), (680, 60)], PRIMARY_DARK, 10)
    canvas.polygon([(700, 40), (690, 90), (650, 60)], PRIMARY_DARK)
    return canvas.to_bytes()


def mentoring(width=800, height=450):
    """Two people walking side by side along a path: the sponsor and the person sponsored."""
    canvas = Canvas(width, height, PRIMARY_TINT)
    canvas.polygon([(250, height), (550, height), (430, 230), (370, 230)], "#cfe0dc")
    canvas.ellipse((560, 50, 680, 170), GOLD)
    canvas.person(330, 420, 240, SKIN_TONES[4], PRIMARY)
    canvas.person(470, 420, 210, SKIN_TONES[3], ACCENT)
    canvas.line([(365, 300), (420, 280), (440, 290)], SKIN_TONES[4], 14)
    return canvas.to_bytes()


def map_pin(width=800, height=450):
    """A map with streets and a pin: how to find the Plateforme."""
    canvas = Canvas(width, height, "#eae3d6")
    for street_y in (90, 230, 370):
        canvas.rectangle((0, street_y, width, street_y + 26), PAPER)
    for street_x in (140, 420, 650):
        canvas.rectangle((street_x, 0, street_x + 26, height), PAPER)
    canvas.rectangle((470, 270, 620, 360), "#b7d3cd", radius=8)
    canvas.ellipse((320, 90, 440, 210), ACCENT)
    canvas.polygon([(330, 175), (430, 175), (380, 290)], ACCENT)
    canvas.ellipse((355, 125, 405, 175), PAPER)
    return canvas.to_bytes()


def logo(word, background, foreground=PAPER, width=400, height=200):
    """A partner's stand-in logo: a short word on a rounded coloured badge, as a PNG.

    Two-word names go on two lines, in the largest type that fits the badge.
    """
    canvas = Canvas(width, height, PAPER)
    canvas.rectangle((10, 10, width - 10, height - 10), background, radius=36)
    lines = word.split(" ", 1) if len(word) > 8 else [word]
    size = 72
    while size > 20:
        font = ImageFont.load_default(size=size)
        fits_width = max(font.getlength(line) for line in lines) <= width - 70
        fits_height = len(lines) * size * 1.2 <= height - 50
        if fits_width and fits_height:
            break
        size -= 4
    line_height = size * 1.2
    first_centre = height / 2 - line_height * (len(lines) - 1) / 2
    for index, line in enumerate(lines):
        canvas.text((width / 2, first_centre + index * line_height), line, size, foreground)
    return canvas.to_bytes("PNG")
