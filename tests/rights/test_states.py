"""Each request type's state machine (DSR-02)."""

import pytest

from candid.rights.models import RequestType, State
from candid.rights.states import may_enter, needs_verification, transitions_for


def test_access_request_runs_through_verification_extension_and_completion():
    # when
    machine = transitions_for(RequestType.ACCESS)
    # then
    assert machine == {
        State.RECEIVED: {
            State.VERIFYING,
            State.IN_PROGRESS,
            State.COMPLETED,
            State.REFUSED,
            State.WITHDRAWN,
        },
        State.VERIFYING: {
            State.IN_PROGRESS,
            State.COMPLETED,
            State.REFUSED,
            State.WITHDRAWN,
        },
        State.IN_PROGRESS: {
            State.EXTENDED,
            State.COMPLETED,
            State.REFUSED,
            State.WITHDRAWN,
        },
        State.EXTENDED: {State.COMPLETED, State.REFUSED, State.WITHDRAWN},
    }


def test_opt_out_of_sale_skips_verification_and_cannot_be_extended_dsr_05():
    # when
    machine = transitions_for(RequestType.OPT_OUT_SALE_SHARING)
    # then
    assert set(machine) == {State.RECEIVED, State.IN_PROGRESS}
    assert State.VERIFYING not in machine[State.RECEIVED]
    assert State.EXTENDED not in machine[State.IN_PROGRESS]


def test_consent_withdrawal_needs_no_verification_but_may_be_extended():
    # when
    machine = transitions_for(RequestType.WITHDRAW_CONSENT)
    # then
    assert State.VERIFYING not in machine
    assert State.EXTENDED in machine[State.IN_PROGRESS]


@pytest.mark.parametrize("closed", [State.COMPLETED, State.REFUSED, State.WITHDRAWN])
def test_a_closed_request_never_moves_again(closed):
    # then
    assert not any(
        may_enter(RequestType.ERASURE, closed, target) for target in State.values
    )


@pytest.mark.parametrize(
    ("request_type", "needed"),
    [
        (RequestType.ACCESS, True),
        (RequestType.ERASURE, True),
        (RequestType.KNOW, True),
        (RequestType.OPT_OUT_SALE_SHARING, False),
        (RequestType.LIMIT_SENSITIVE, False),
        (RequestType.WITHDRAW_CONSENT, False),
    ],
)
def test_only_opt_outs_and_withdrawals_skip_identity_checks_dsr_05(
    request_type, needed
):
    # then
    assert needs_verification(request_type) is needed
