"""Every write of the rights app: intake, verification, and each step of a request."""

from candid.rights.services.agents import (
    AgentClaim,
    agent_authority_confirm,
    agent_proof_open,
)
from candid.rights.services.data_points import (
    verification_data_points_check,
    verification_staff_check_ask,
)
from candid.rights.services.intake import request_open
from candid.rights.services.lifecycle import (
    request_charge_fee,
    request_complete,
    request_extend,
    request_pause,
    request_refuse,
    request_resume,
    request_start,
    request_withdraw,
)
from candid.rights.services.verification import (
    verification_code_check,
    verification_code_send,
    verification_staff_confirm,
)

__all__ = [
    "AgentClaim",
    "agent_authority_confirm",
    "agent_proof_open",
    "request_charge_fee",
    "request_complete",
    "request_extend",
    "request_open",
    "request_pause",
    "request_refuse",
    "request_resume",
    "request_start",
    "request_withdraw",
    "verification_code_check",
    "verification_code_send",
    "verification_data_points_check",
    "verification_staff_check_ask",
    "verification_staff_confirm",
]
