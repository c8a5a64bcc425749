"""Background work of accounts: e-mails whose timing must not reveal an account."""

from __future__ import annotations

from django_tasks import task

from candid.accounts.models import User
from candid.accounts.services.recovery import password_reset_link_send


@task()
def password_reset_link_send_task(user_id: str) -> bool:
    """E-mail a reset link to the account, if it still exists; safe to rerun."""
    user = User.objects.filter(pk=user_id).first()
    if user is None or not user.email:
        return False
    return password_reset_link_send(user=user)
