"""What the active declaration says about digital products, and where it applies.

`commerce.digital_products` holds the licence terms shown before purchase, whether a
download makes the sale final, whether EU/UK buyers must waive their right of
withdrawal before downloading (COM-01), the download links' lifetime and where
technical issues go.
"""

from __future__ import annotations

import datetime as dt

from candid.notices.selectors import declaration_active
from candid.policy.schema import DigitalProducts
from candid.shop.exceptions import ShopNotOffered

PURPOSE = "order_fulfilment"
PROVIDER = "stripe"
# Consumer Rights Directive Art 9: 14 days from the contract for digital content.
WITHDRAWAL_PERIOD = dt.timedelta(days=14)
# The EU, the rest of the EEA (which applies the directive) and the UK (CCR 2013).
WITHDRAWAL_COUNTRIES = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE "
    "IS LI NO GB".split()
)
OTHER_COUNTRIES = {
    "AU": "Australia",
    "BR": "Brazil",
    "CA": "Canada",
    "CH": "Switzerland",
    "IN": "India",
    "JP": "Japan",
    "MX": "Mexico",
    "NZ": "New Zealand",
    "SG": "Singapore",
    "US": "United States",
    "ZA": "South Africa",
}
EUROPEAN_COUNTRIES = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IS": "Iceland",
    "IE": "Ireland",
    "IT": "Italy",
    "LV": "Latvia",
    "LI": "Liechtenstein",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NL": "Netherlands",
    "NO": "Norway",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ES": "Spain",
    "SE": "Sweden",
    "GB": "United Kingdom",
}
COUNTRIES = dict(
    sorted({**EUROPEAN_COUNTRIES, **OTHER_COUNTRIES}.items(), key=lambda kv: kv[1])
)


def digital_products() -> DigitalProducts:
    """Return the declared rules for digital products; without them nothing is sold."""
    commerce = declaration_active().commerce
    if commerce is None or commerce.digital_products is None:
        raise ShopNotOffered
    return commerce.digital_products


def withdrawal_right_applies(country: str) -> bool:
    """Say whether a buyer in `country` has the 14-day right of withdrawal (COM-01)."""
    return country in WITHDRAWAL_COUNTRIES
