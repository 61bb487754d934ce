#!/bin/sh
# validate.sh: check UBL invoices and credit notes against the official rules, the way a
# receiver's access point does: the OASIS UBL 2.1 schema, the EN 16931 rules, the Peppol BIS
# Billing 3.0 rules and Iceland's TS-236 rules.
#
#   testdata/ubl/validate.sh FILE.xml...        (default: testdata/ubl/*.xml)
#
# It runs the rule sets' own XSLT with Debian's Saxon-HE and xmllint
# (apt-get install libsaxonhe-java libxml2-utils); it downloads and builds nothing. Tell it
# where the rule sets are (see testdata/ubl/README.md for fetching them):
#
#   UBL_XSD        folder of the UBL 2.1 schemas, holding maindoc/UBL-Invoice-2.1.xsd and
#                  maindoc/UBL-CreditNote-2.1.xsd (and common/)
#   EN16931_XSLT   EN16931-UBL-validation.xslt (ConnectingEurope/eInvoicing-EN16931)
#   PEPPOL_XSLT    PEPPOL-EN16931-UBL.xslt, compiled from OpenPEPPOL/peppol-bis-invoice-3;
#                  or PEPPOL_SCH (the .sch) and SCHXSLT (schxslt's xslt/2.0 folder) to
#                  compile it first, into a temporary folder
#   TS236_XSLT     IS-EN16931-UBL.xsl (stadlar/IST-FUT-GRV)
#   SAXON          the Saxon-HE jar (default /usr/share/java/Saxon-HE.jar)
#
# A schema error, or an svrl:failed-assert whose flag is "fatal" or that has no flag, is a
# rejection: the script prints every one and exits 1. Warnings are counted and listed.
# It prints one summary line per file and rule set, e.g.
#   invoice.xml: EN16931: 0 fatal, 0 warning
set -eu

SAXON=${SAXON:-/usr/share/java/Saxon-HE.jar}
here=$(dirname "$0")
if [ $# -eq 0 ]; then
	set -- "$here"/*.xml
fi

die() { echo "validate.sh: $*" >&2; exit 2; }
command -v xmllint >/dev/null || die "xmllint not found: apt-get install libxml2-utils"
command -v java >/dev/null || die "java not found: apt-get install libsaxonhe-java"
[ -f "$SAXON" ] || die "$SAXON not found: apt-get install libsaxonhe-java, or set SAXON"
: "${UBL_XSD:?set UBL_XSD to the folder holding maindoc/UBL-Invoice-2.1.xsd}"
: "${EN16931_XSLT:?set EN16931_XSLT to EN16931-UBL-validation.xslt}"
: "${TS236_XSLT:?set TS236_XSLT to IS-EN16931-UBL.xsl}"
for f in "$UBL_XSD/maindoc/UBL-Invoice-2.1.xsd" "$UBL_XSD/maindoc/UBL-CreditNote-2.1.xsd" "$EN16931_XSLT" "$TS236_XSLT"; do
	[ -f "$f" ] || die "$f: no such file"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

if [ -z "${PEPPOL_XSLT:-}" ]; then
	: "${PEPPOL_SCH:?set PEPPOL_XSLT to the compiled PEPPOL-EN16931-UBL.xslt, or PEPPOL_SCH and SCHXSLT}"
	: "${SCHXSLT:?set SCHXSLT to schxslt's xslt/2.0 folder (holding pipeline-for-svrl.xsl)}"
	PEPPOL_XSLT=$tmp/PEPPOL-EN16931-UBL.xslt
	java -jar "$SAXON" -s:"$PEPPOL_SCH" -xsl:"$SCHXSLT/pipeline-for-svrl.xsl" -o:"$PEPPOL_XSLT" ||
		die "compiling $PEPPOL_SCH failed"
fi
[ -f "$PEPPOL_XSLT" ] || die "$PEPPOL_XSLT: no such file"

# The documents go into one folder, so that Saxon validates them all in one start per rule set.
mkdir "$tmp/in"
for f in "$@"; do
	[ -f "$f" ] || die "$f: no such file"
	b=$(basename "$f")
	[ ! -e "$tmp/in/$b" ] || die "$b: two files of that name"
	cp "$f" "$tmp/in/$b"
done

failed=0

# The schema: the root element says which.
for f in "$tmp"/in/*.xml; do
	b=$(basename "$f")
	root=$(xmllint --xpath 'local-name(/*)' "$f" 2>/dev/null) || root=
	case $root in
	Invoice) xsd=$UBL_XSD/maindoc/UBL-Invoice-2.1.xsd ;;
	CreditNote) xsd=$UBL_XSD/maindoc/UBL-CreditNote-2.1.xsd ;;
	*) echo "$b: UBL 2.1 schema: not an Invoice or a CreditNote (root \"$root\")"; failed=1; continue ;;
	esac
	if xmllint --noout --schema "$xsd" "$f" 2>"$tmp/xsd.err"; then
		echo "$b: UBL 2.1 schema ($root): valid"
	else
		echo "$b: UBL 2.1 schema ($root): INVALID"
		grep -v ' validates$\| fails to validate$' "$tmp/xsd.err" | sed "s|$tmp/in/||" || true
		failed=1
	fi
done

# The rule sets: each a compiled schematron that writes an SVRL report.
run() { # name xslt
	mkdir -p "$tmp/$1"
	java -jar "$SAXON" -s:"$tmp/in" -xsl:"$2" -o:"$tmp/$1" 2>"$tmp/$1.err" || {
		echo "$1: Saxon failed:"; cat "$tmp/$1.err"; failed=1; return 0; }
	for f in "$tmp"/in/*.xml; do
		b=$(basename "$f")
		svrl=$tmp/$1/$b
		[ -f "$svrl" ] || { echo "$b: $1: no report"; failed=1; continue; }
		fatal=$(xmllint --xpath "count(//*[local-name()='failed-assert'][not(@flag) or @flag='fatal'])" "$svrl")
		warn=$(xmllint --xpath "count(//*[local-name()='failed-assert'][@flag and @flag!='fatal'])" "$svrl")
		fired=$(xmllint --xpath "count(//*[local-name()='fired-rule'])" "$svrl")
		echo "$b: $1: $fatal fatal, $warn warning ($fired rules fired)"
		if [ "$fatal$warn" != 00 ]; then
			# One line per failed assert: its flag, id and text.
			xmllint --xpath "//*[local-name()='failed-assert']" "$svrl" |
				tr '\n' ' ' | sed 's|</svrl:failed-assert>|&\n|g' |
				sed -n 's|.*id="\([^"]*\)".*flag="\([^"]*\)".*<svrl:text>\(.*\)</svrl:text>.*|  \2 \1: \3|p; t; s|.*id="\([^"]*\)".*<svrl:text>\(.*\)</svrl:text>.*|  fatal \1: \2|p' |
				sed 's/  */ /g; s/^ /  /'
		fi
		[ "$fatal" = 0 ] || failed=1
	done
}
run EN16931 "$EN16931_XSLT"
run Peppol "$PEPPOL_XSLT"
run TS-236 "$TS236_XSLT"

if [ "$failed" != 0 ]; then
	echo "validate.sh: REJECTED" >&2
	exit 1
fi
echo "validate.sh: $# file(s) valid: no schema error, no fatal assert"
