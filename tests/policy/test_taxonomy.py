"""fideslang's vocabulary: valid keys, the nearest ones to a typo, special categories."""

from candid.policy import taxonomy


def test_a_key_with_no_close_match_suggests_keys_under_its_parent():
    suggestions = taxonomy.nearest(
        "user.qqqqqqqqqqqqqqqqqqqq", taxonomy.data_categories()
    )

    assert suggestions == [
        "user.account",
        "user.account.settings",
        "user.account.username",
    ]


def test_category_names_come_from_fideslang():
    assert taxonomy.category_names()["user.contact.email"] == "User Contact Email"


def test_health_data_and_its_subcategories_are_special_categories():
    """LAW-09: GDPR Art. 9 data is recognised at any depth of the taxonomy."""
    assert taxonomy.is_special_category("user.health_and_medical") is True
    assert taxonomy.is_special_category("user.health_and_medical.genetic") is True
    assert taxonomy.is_special_category("user.healthcare_provider") is False
