"""Sections on the studio's business: client images, bookings and digital products (IMG-01)."""

from __future__ import annotations

from candid.policy import wording as w
from candid.policy.document import Section
from candid.policy.render.text import join
from candid.policy.schema import Declaration


def section_images(d: Declaration) -> Section | None:
    i = d.images
    if i is None:
        return None
    s = Section("images", "Your photographs and model releases")
    s.para(
        "Images from your sessions are confidential. Without your explicit, written consent they are "
        "not shared with third parties, published or used for promotional purposes."
    )
    s.para(
        f"We may ask you to sign a model release so that images can appear in "
        f"{join([w.RELEASE_USES[u] for u in i.release_uses], 'or')}. "
        "Signing is entirely voluntary, can cover some uses and not others, and can be withdrawn at any time; "
        "an image is only used promotionally if every person identifiable in it has a release for that use, "
        "signed by a parent or guardian for a minor."
    )
    s.para(
        f"You see your images in a private{', password-protected' if i.gallery_password_protected else ''} "
        "online gallery. You decide whom to share it with: "
        f"each share link has its own password, expires after {i.share_link_lifetime} unless you "
        f"choose otherwise, and can be revoked at any time. "
        f"Galleries are deleted {i.gallery_lifetime} after delivery. Images shown to anyone "
        f"outside the studio have their "
        f"{join([w.METADATA[m] for m in i.stripped_metadata])} removed."
    )
    if i.print_vendor_purpose:
        s.para(
            "When you order prints, the printing service receives only the files you ordered and "
            "the delivery details it needs. It works only on our instructions, under a contract "
            "that binds it to confidentiality."
        )
    return s


def section_commerce(d: Declaration) -> Section | None:
    c = d.commerce
    if c is None or (c.bookings is None and c.digital_products is None):
        return None
    s = Section("refunds", "Bookings, digital products and refunds")
    if c.bookings:
        late = c.bookings.late_cancellation_refund_percent
        late_text = (
            "also refunded in full"
            if late == 100
            else (f"refunded at {late}%" if late else "not refunded")
        )
        s.para(
            f"You may cancel a booking at least {c.bookings.full_refund_before} before the session "
            f"for a full refund. Later cancellations are {late_text}."
        )
    p = c.digital_products
    if p:
        s.para("Digital products come with a personal-use licence only:")
        s.bullets(p.licence_terms)
        if p.final_after_download:
            s.para(
                "A sale is final once a file has been downloaded, but only if you asked at checkout for immediate "
                "download and acknowledged that you then lose the 14-day right of withdrawal; we "
                "confirm this by e-mail. "
                f"Before you download, you can still cancel and be refunded. Download links expire "
                f"after {p.download_link_lifetime}."
            )
        s.para(p.technical_issue_route)
    return s
