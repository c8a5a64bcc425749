"""Start-up checks of the purpose gate."""

from __future__ import annotations

from django.core.checks import Error

from candid.consent.checks import generation_file_check


def test_a_writable_counter_file_passes(settings, tmp_path):
    settings.CANDID_CONSENT_GENERATION_FILE = tmp_path / "counters"

    assert generation_file_check() == []


def test_an_unopenable_counter_file_stops_start_up_law04(settings, tmp_path):
    # given: the path is a folder, so it cannot be opened as a file
    settings.CANDID_CONSENT_GENERATION_FILE = tmp_path

    # when
    found = generation_file_check()

    # then
    assert found == [
        Error(
            f"The purpose gate's counter file {tmp_path} cannot be opened (Is a "
            "directory): a withdrawal recorded by one process would not reach the "
            "others' next check.",
            hint=(
                "Make the folder writable by every web and task process, or set "
                "CANDID_CONSENT_GENERATION_FILE to a writable path on local disk."
            ),
            id="candid.E040",
        )
    ]


def test_the_default_counter_file_lives_in_the_data_folder(settings, tmp_path):
    from candid.consent import conf

    del settings.CANDID_CONSENT_GENERATION_FILE
    settings.DATA_DIR = tmp_path

    assert conf.generation_file() == tmp_path / "consent-generations"
