#!/bin/sh
# cli-search.sh TRAPP - the ranked search through `trapp services --search`:
# the query set in tests/search-queries.tsv (written from the catalogues:
# what a coordinator types and the services meant), with every example
# from issue 16 in the top 3 and a floor for the whole set; then the rules
# one by one (word boundaries, æøå spellings, NFC, typos, synonyms per
# kommune, name before description).
. tests/lib.sh
T=${1:-build/trapp}
DB="$TMP/search.db"
ids() { "$T" --db "$DB" services --kommune "$1" --search "$2" --format csv | tail -n +2 | cut -d, -f1; }

# rank KOMMUNE QUERY "ID ID...": 1-based rank of the best expected id, 0 = none
rank() {
	ids "$1" "$2" > "$TMP/ids"
	best=0
	for id in $3; do
		r=$(grep -n -x -F -- "$id" "$TMP/ids" | head -1 | cut -d: -f1)
		[ -n "$r" ] && { [ "$best" = 0 ] || [ "$r" -lt "$best" ]; } && best=$r
	done
	echo "$best"
}

n=0; top1=0; top3=0; top5=0
tab=$(printf '\t')
while IFS="$tab" read -r kom query want note; do
	case $kom in '#'*|'') continue ;; esac
	r=$(rank "$kom" "$query" "$want")
	n=$((n + 1))
	[ "$r" -ge 1 ] && [ "$r" -le 1 ] && top1=$((top1 + 1))
	[ "$r" -ge 1 ] && [ "$r" -le 3 ] && top3=$((top3 + 1))
	[ "$r" -ge 1 ] && [ "$r" -le 5 ] && top5=$((top5 + 1))
	case $note in
	issue:*) if [ "$r" -ge 1 ] && [ "$r" -le 3 ]; then ok "issue example «$query» ($kom) at $r"
		 else fail "issue example «$query» ($kom): expected one of $want in the top 3, got rank $r"; fi ;;
	*) [ "$r" -ge 1 ] && [ "$r" -le 3 ] || echo "note: «$query» ($kom) not in the top 3 (rank $r; want $want)" ;;
	esac
done < tests/search-queries.tsv
echo "query set: $n queries, top 1: $top1, top 3: $top3, top 5: $top5"
check "the query set has at least 40 queries" test "$n" -ge 40
check "at least 90% of the query set in the top 3 ($top3 of $n)" test $((top3 * 100)) -ge $((n * 90))

# word boundaries: sorg is not om|sorg, but gjeld finds gjelds|rådgivning
out=$(ids tromso sorg)
lacks "sorg does not list omsorgsstønad" "$out" "omsorgsstonad"
lacks "sorg does not list traumebasert omsorg" "$out" "traumebasert-omsorg"
expect_eq "gjeld: the debt service first (name before description)" "$(ids tromso gjeld | head -1)" \
	"okonomisk-radgivning-og-gjeldsradgivning"
contains "jobb finds jobbstøtte (IPS ung)" "$(ids tromso jobb)" "ips-ung"

# æ/ø/å: upper case, ASCII spellings both ways, decomposed input
want=$(ids tromso "økonomisk støtte")
expect_eq "ØKONOMISK STØTTE = økonomisk støtte" "$(ids tromso "ØKONOMISK STØTTE")" "$want"
expect_eq "okonomisk stotte = økonomisk støtte" "$(ids tromso "okonomisk stotte")" "$want"
expect_eq "oekonomisk stoette = økonomisk støtte" "$(ids tromso "oekonomisk stoette")" "$want"
expect_eq "aapen barnehage finds Åpen barnehage first" "$(ids tromso "aapen barnehage" | head -1)" "apen-barnehage"
expect_eq "apen barnehage finds Åpen barnehage first" "$(ids tromso "apen barnehage" | head -1)" "apen-barnehage"
composed=$(ids tromso "pårørende")
check "pårørende finds services" test -n "$composed"
expect_eq "decomposed pårørende (a + U+030A) = composed" "$(ids tromso "$(printf 'pa\314\212r\303\270rende')")" "$composed"
expect_eq "PÅRØRENDE = pårørende" "$(ids tromso "PÅRØRENDE")" "$composed"

# inflections through the stemmer and the lemma list
contains "gravid finds gravide" "$(ids tromso gravid)" "jordmortjenesten"
contains "rusmidler finds rusmiddlebruk" "$(ids tromso rusmidler)" "sosialmedisinsk-senter-sms"
contains "hjelpemidler finds Hjelpemiddelsentral" "$(ids elverum hjelpemidler)" "hjelpemiddelsentral"

# typos: one edit from five letters, ranked below the exact word
contains "spiseforstyrelser finds spiseforstyrrelser" "$(ids tromso spiseforstyrelser)" "spiseforstyrrelser"
contains "avlastnign (swap) finds avlastning" "$(ids tromso avlastnign)" "avlastning"
expect_eq "vodl (four letters) tolerates no typo" "$(ids tromso vodl)" ""

# synonyms: the list applies to queries; kommune files only to their kommune
contains "skilsmisse → samlivsbrudd (Livskrisehjelpen)" "$(ids tromso skilsmisse)" "livskrisehjelpen"
contains "helsesøster → helsesykepleier" "$(ids tromso helsesøster)" "skolehelsetjeneste"
expect_eq "hfu (synonyms-tromso.csv) finds Helsestasjon for ungdom in Tromsø" \
	"$(ids tromso hfu | head -1)" "helsestasjon-for-ungdom"
expect_eq "hfu is Tromsø's word, not Elverum's" "$(ids elverum hfu)" ""
"$T" --db "$DB" service --kommune tromso livskrisehjelpen > "$TMP/svc"
lacks "a synonym never changes the catalogue's text" "$(cat "$TMP/svc")" "skilsmisse"

# all words before some; other filters still apply
expect_eq "helsestasjon ungdom: the service with both words first" \
	"$(ids tromso "helsestasjon ungdom" | head -1)" "helsestasjon-for-ungdom"
out=$("$T" --db "$DB" services --kommune tromso --search psykolog --age 4 --format csv | tail -n +2 | cut -d, -f1)
lacks "search with --age 4 drops the 18-20 year olds' team" "$out" "psykhjelpa-for-ungdom"

# the suggestions rank by the search too
out=$("$T" --db "$DB" suggest --kommune tromso --age 15 --need psykisk --search angst)
contains "suggest --search names the words" "$out" "søk «angst», beste treff først"
expect_eq "suggest --search: the service naming angst first" "$(echo "$out" | sed -n 2p)" \
	"  Psykhjelpen for barn og unge (6 - 15 år)"
out=$("$T" --db "$DB" suggest --kommune tromso --age 15 --need psykisk)
lacks "suggest without --search lists as before" "$out" "søk «"
summary
