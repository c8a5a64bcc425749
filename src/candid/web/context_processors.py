"""Template context every page needs: the studio's name and its policy version."""

from candid.notices.selectors import declaration_active


def studio(request):
    declaration = declaration_active()
    return {
        "studio_name": declaration.controller.name,
        "policy_version": declaration.policy.version,
        "policy_effective_date": declaration.policy.effective_date,
    }
