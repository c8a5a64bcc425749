from django.apps import AppConfig
from django.core import checks
from django.core.signals import setting_changed
from django.db.models.signals import post_save

# Settings whose change alters what the purpose gate decides or where it looks.
GATE_SETTINGS = frozenset(
    {
        "CANDID_POLICY_FILE",
        "DATA_DIR",
        "CANDID_CONSENT_GENERATION_FILE",
        "CANDID_CONSENT_GATE_SECONDS",
        "CANDID_CONSENT_GATE_SIZE",
    }
)


def _policy_published(**kwargs: object) -> None:
    # Cache invalidation only: a new policy version may change every decision.
    from candid.consent.purposes import policy_changed

    policy_changed()


def _setting_changed(*, setting: str, **kwargs: object) -> None:
    if setting in GATE_SETTINGS:
        from candid.consent.purposes import gate_reset

        gate_reset()


class ConsentConfig(AppConfig):
    name = "candid.consent"
    label = "consent"
    verbose_name = "Consent, objections, restrictions and the purpose gate"

    def ready(self) -> None:
        from candid.consent.checks import generation_file_check

        checks.register(generation_file_check, "consent")
        post_save.connect(
            _policy_published,
            sender="notices.PolicyVersion",
            dispatch_uid="candid.consent.policy_published",
        )
        setting_changed.connect(
            _setting_changed, dispatch_uid="candid.consent.setting_changed"
        )
