"""How people make rights requests: what is offered, where, with which checks (DSR-01)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from candid.policy.schema.vocabulary import (
    ChannelKind,
    DurationField,
    Key,
    Part,
    Right,
)


class RequestChannel(Part):
    kind: ChannelKind
    address: str | None = None
    recommended: bool = False


class Verification(Part):
    signed_in: Literal["reauthenticate"] = "reauthenticate"
    by_email: Literal["one_time_code", "link"] = "one_time_code"
    code_lifetime: DurationField
    max_attempts: int = Field(ge=1, le=10)
    extra_data_points: int = Field(ge=0, le=3)
    authorised_agent_proof: str = Field(min_length=1)


class Fees(Part):
    default: Literal[0] = 0
    unfounded_or_excessive: Literal["refuse_or_reasonable_fee", "refuse", "none"]


class Rights(Part):
    offered: list[Right] = Field(min_length=1)
    channels: list[RequestChannel] = Field(min_length=1)
    verification: Verification
    fees: Fees
    export_link_lifetime: DurationField
    # The declared purpose under which requests are answered and recorded: every
    # use of a requester's data to answer them passes the purpose gate under it.
    # Versions published before it existed name none: see Declaration.records_purpose.
    records_purpose: Key | None = None
