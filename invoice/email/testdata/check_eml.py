#!/usr/bin/env python3
"""Read every testdata/*.eml with Python's own email parser (policy=default) and write what it
read to testdata/NAME.python.json: the defects it found in the message and in each part, the
addresses, the decoded subject, the Date, X-Unsent, the text, and each attachment's name, type
and size. email_test.go reads the same emails with Go's net/mail and mime/multipart and must
see exactly the same; a defect fails it.

Run it after `go test ./invoice/email/ -update` has rewritten the emails:
    python3 invoice/email/testdata/check_eml.py
"""
import email
import email.policy
import json
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent


def read(path):
    msg = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    defects = [f"message: {type(d).__name__}" for d in msg.defects]
    parts = []
    for i, part in enumerate(msg.iter_parts()):
        defects += [f"part {i}: {type(d).__name__}" for d in part.defects]
        parts.append(part)
    # Headers are parsed lazily: reading them registers their defects.
    addrs = {}
    for name in ("from", "to"):
        header = msg[name]
        defects += [f"{name}: {type(d).__name__}" for d in header.defects]
        (a,) = header.addresses
        addrs[name] = {"name": a.display_name, "email": a.addr_spec}
    subject = msg["subject"]
    defects += [f"subject: {type(d).__name__}" for d in subject.defects]
    date = msg["date"]
    defects += [f"date: {type(d).__name__}" for d in date.defects]
    if date.datetime is None:
        defects.append("date: unreadable")
    body = parts[0].get_content().replace("\r\n", "\n")
    attachments = []
    for part in parts[1:]:
        if not part.is_attachment():
            defects.append(f"part {part.get_filename()}: not an attachment")
        attachments.append({
            "filename": part.get_filename(),
            "content_type": part.get_content_type(),
            "size": len(part.get_payload(decode=True)),
        })
    return {
        "defects": defects,
        "from": addrs["from"],
        "to": addrs["to"],
        "subject": str(subject),
        "date": str(date),
        "x_unsent": str(msg["x-unsent"]),
        "body": body,
        "attachments": attachments,
    }


def main():
    failed = False
    for path in sorted(here.glob("*.eml")):
        got = read(path)
        out = path.with_suffix(".python.json")
        out.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        print(f"{path.name}: {len(got['defects'])} defects, {len(got['attachments'])} attachments"
              f", subject {got['subject']!r}")
        failed |= bool(got["defects"])
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
