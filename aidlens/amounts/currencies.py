"""Currency and magnitude vocabulary shared by the amount rules, the parser and the USD rates.

Every ISO code listed here has yearly rates in data/rates.csv, so that any currency the
rules can recognise can also be converted to USD.
"""

from __future__ import annotations

from types import MappingProxyType

# ISO 4217 codes recognised when written out ("NOK 75 billion", "USD40mn").
CODES: tuple[str, ...] = (
    "USD",
    "EUR",
    "GBP",
    "CAD",
    "AUD",
    "NZD",
    "JPY",
    "CHF",
    "NOK",
    "SEK",
    "DKK",
    "PLN",
    "CZK",
    "UAH",
    "KRW",
    "INR",
    "XDR",  # the IMF's special drawing right
)

# Symbols, longest first where one is the tail of another (US$ before $).
SYMBOLS = MappingProxyType(
    {
        "US$": "USD",
        "U.S.$": "USD",
        "CA$": "CAD",
        "CAN$": "CAD",
        "C$": "CAD",
        "AU$": "AUD",
        "A$": "AUD",
        "NZ$": "NZD",
        "$": "USD",
        "€": "EUR",
        "£": "GBP",
        "¥": "JPY",
        "₴": "UAH",
        "₩": "KRW",
        "₹": "INR",
        "Rs": "INR",  # "Rs 10,700 crore", as Indian writers put it
        "SFr": "CHF",  # "SFr. 20m", "Fr. 5 billion": the Swiss press's franc
        "Fr": "CHF",
        "SDR": "XDR",  # "SDR 11.6 billion": the IMF's unit, written before the number
    }
)

# Currency nouns written after the number ("2 billion euros"). None: depends on the country.
WORDS = MappingProxyType(
    {
        "dollar": "USD",
        "dollars": "USD",
        "euro": "EUR",
        "euros": "EUR",
        "pound": "GBP",
        "pounds": "GBP",
        "sterling": "GBP",
        "yen": "JPY",
        "franc": "CHF",
        "francs": "CHF",
        "zloty": "PLN",
        "zlotys": "PLN",
        "zlotych": "PLN",
        "złoty": "PLN",
        "złotys": "PLN",
        "złotych": "PLN",
        "zł": "PLN",  # written after the number, as Polish writes it ("4.5bn zł")
        "hryvnia": "UAH",
        "hryvnias": "UAH",
        "hryvnya": "UAH",
        "hryvnyas": "UAH",
        "hryvna": "UAH",
        "hryvnas": "UAH",
        "koruna": "CZK",
        "korunas": "CZK",
        "kč": "CZK",  # written after the number ("1bn Kč")
        "won": "KRW",
        "rupee": "INR",
        "rupees": "INR",
        "krona": "SEK",
        "kronor": "SEK",
        "kroner": None,
        "krone": None,
        "crowns": None,  # English for kroner, kronor and koruny alike: "Czech crowns"
        "crown": None,
    }
)

# Adjectives that fix the currency of the noun after them ("Canadian dollars", "Danish kroner").
ADJECTIVES = MappingProxyType(
    {
        "us": "USD",
        "u.s.": "USD",
        "american": "USD",
        "canadian": "CAD",
        "australian": "AUD",
        "swiss": "CHF",
        "danish": "DKK",
        "norwegian": "NOK",
        "swedish": "SEK",
        "japanese": "JPY",
        "polish": "PLN",
        "czech": "CZK",
        "ukrainian": "UAH",
        "indian": "INR",
        "british": "GBP",
    }
)

# "kroner"/"krone" is the spelling of both the Norwegian and the Danish currency, and "crowns"
# the English of every crown: the adjective ("Czech crowns") or else the donor's country
# decides; without one we take NOK, because Norway's multi-year programme is the largest
# kroner-denominated aid to Ukraine, so an unplaced "kroner" is most often Norwegian.
KRONE_BY_COUNTRY = MappingProxyType(
    {"Norway": "NOK", "Denmark": "DKK", "Sweden": "SEK", "Czech Republic": "CZK"}
)
KRONE_DEFAULT = "NOK"

# The countries whose own money is a dollar: where a writer marks US dollars ("US$"), their
# bare "$" is this one (dollars.py).
LOCAL_DOLLARS = MappingProxyType({"Canada": "CAD", "Australia": "AUD", "New Zealand": "NZD"})

# Magnitude words and their short forms, as written after a number.
MAGNITUDES = MappingProxyType(
    {
        "thousand": 1e3,
        "k": 1e3,
        "million": 1e6,
        "mn": 1e6,
        "mln": 1e6,
        "m": 1e6,
        "billion": 1e9,
        "bn": 1e9,
        "bln": 1e9,
        "b": 1e9,
        "trillion": 1e12,
        "tn": 1e12,
        "trn": 1e12,
        # Indian English counts in lakhs (1e5) and crores (1e7): "Rs 10,700 crore" is 107bn,
        # "₹5.25 lakh crore" 5.25e12.
        "lakh": 1e5,
        "crore": 1e7,
        "lakh crore": 1e12,
    }
)

# Plural magnitudes make an amount vague ("billions of dollars", "tens of millions").
VAGUE_MAGNITUDES: tuple[str, ...] = ("thousands", "millions", "billions", "trillions")
# The magnitudes of a figure written with no currency ("17 billion"): a bare "thousand" is
# rarely money.
BARE_MAGNITUDES: tuple[str, ...] = ("million", "billion", "trillion")

# Qualifiers kept with an amount, normalised to lower case and single spaces.
QUALIFIERS: tuple[str, ...] = (
    "about",
    "around",
    "nearly",
    "almost",
    "over",
    "more than",
    "up to",
    "at least",
    "some",
    "roughly",
    "approximately",
    "less than",
    "under",
    "close to",
    "as much as",
    "just over",
    "just under",
    "an estimated",
    "in excess of",
    "upwards of",
)

# The one country whose own money each national currency is: an amount written in kronor is
# Sweden's, whichever country its sentence names ("Estonia and Sweden ...", "buy from the US").
HOME_COUNTRY = MappingProxyType(
    {
        "GBP": "United Kingdom",
        "CAD": "Canada",
        "AUD": "Australia",
        "NZD": "New Zealand",
        "JPY": "Japan",
        "CHF": "Switzerland",
        "NOK": "Norway",
        "SEK": "Sweden",
        "DKK": "Denmark",
        "PLN": "Poland",
        "CZK": "Czech Republic",
        "KRW": "South Korea",
    }
)


# A country with a currency of its own gives in it, or in dollars, as writers convert: a
# missing donor is carried only from one that may pay in the amount's currency (table.py).
# So do the lenders that count in dollars or the IMF's SDRs: of the thirty-four tuning sets'
# gold figures with a stage, none of the IMF's 248 or the World Bank's 33 is in euros, and 4
# of the G7's 131.
OWN_CURRENCY = MappingProxyType(
    {country: code for code, country in HOME_COUNTRY.items()}
    | {"United States": "USD", "World Bank": "USD", "G7": "USD"}
    | {"International Monetary Fund": "XDR"}
)

# The giver a figure's currency names when its article names none that may pay in it: euros
# are the Union's most (1,252 of the tuning gold's 1,589 euro figures with a stage). A national
# currency's figure already has its country (extractor.py), unless it restates another's.
CURRENCY_GIVER = MappingProxyType({"EUR": "European Union"})


def krone_currency(country: str | None) -> str:
    """Return the ISO code of 'kroner'/'krone' for a donor country (NOK when unknown)."""
    return KRONE_BY_COUNTRY.get(country or "", KRONE_DEFAULT)
