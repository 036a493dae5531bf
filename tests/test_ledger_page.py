"""The Ledger page under AppTest on a writable processed sample: confirm, correct, conflict."""

from __future__ import annotations

import re
import shutil

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from aidlens.analysis import split_id
from aidlens.annotations import AmountReview, AmountReviewStore
from aidlens.corpus import load_corpus
from tests.conftest import ROOT
from tests.test_annotate_page import shown


@pytest.fixture
def folder(tmp_path, sample_data_dir):
    """Return a writable copy of the processed sample data folder."""
    dest = tmp_path / "data"
    shutil.copytree(sample_data_dir, dest)
    return dest


def open_ledger(folder, monkeypatch, annotator: str | None = "alice") -> AppTest:
    """Return an AppTest on the Ledger page of `folder`, the analyst's name given."""
    monkeypatch.setenv("AIDLENS_DATA", str(folder))
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=90)
    if annotator:
        at.query_params["annotator"] = annotator
    at.run()
    at.switch_page("app_pages/ledger.py").run()
    assert not at.exception, at.exception
    return at


def store_of(folder) -> AmountReviewStore:
    """Return a fresh review store of `folder`, as another process would open it."""
    frame = load_corpus(folder / "articles.csv").frame
    amounts = pd.read_csv(folder / "amounts.csv")
    texts = dict(zip(frame["id"], frame["text"], strict=True))
    return AmountReviewStore(folder, texts, amounts=amounts)


def saved_rows(folder) -> pd.DataFrame:
    """Return amount_reviews.csv as saved (empty when absent)."""
    path = folder / "amount_reviews.csv"
    return pd.read_csv(path, dtype=str).fillna("") if path.exists() else pd.DataFrame()


def picked(at) -> str:
    """Return the id of the commitment shown."""
    return at.selectbox(key="ledger_commitment").value


def table_with(at, column: str) -> pd.DataFrame:
    """Return the first table on the page that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def queue(at) -> pd.DataFrame:
    """Return the listed commitments."""
    return table_with(at, "US$")


def mentions(at) -> pd.DataFrame:
    """Return the mentions of the commitment shown."""
    return table_with(at, "sentence")


def money_of(text: str) -> float:
    """Return "$158bn" as a number."""
    units = {"tn": 1e12, "bn": 1e9, "m": 1e6, "k": 1e3}
    unit = next((u for u in units if text.endswith(u)), "")
    return float(text[1 : len(text) - len(unit)]) * units.get(unit, 1)


def test_queue_heaviest_first_with_sentences_and_links(folder, monkeypatch) -> None:
    at = open_ledger(folder, monkeypatch)
    usd = queue(at)["US$"].map(money_of)
    assert len(usd) > 10 and usd.is_monotonic_decreasing
    rows = mentions(at)
    assert rows["open"].str.startswith("/?article=A").all()
    assert rows["sentence"].str.len().gt(20).all()
    # Read beside its figure (as written and in US$), not past the table's right edge.
    assert list(rows.columns[:5]) == ["open", "published", "text", "US$", "sentence"]
    # Pledges and deliveries are charted apart: each has its reviewed share, never one sum.
    money_re = r"\$0 of \$[\d.]+(tn|bn|m) reviewed"
    caption = rf"Pledged {money_re} · delivered {money_re} \(charted apart, never summed\)\."
    assert any(re.fullmatch(caption, shown(c.value)) for c in at.caption)
    share = (
        queue(at)
        .groupby("stage")["share of its stage"]
        .agg(lambda s: s.str.rstrip("%").astype(float).sum())
    )
    assert share.to_dict() == pytest.approx({"pledged": 100.0, "delivered": 100.0}, abs=0.5)


def test_each_mention_says_its_us_dollars_and_the_rate_that_gave_them(folder, monkeypatch):
    at = open_ledger(folder, monkeypatch)
    listed = queue(at)
    euros = listed.loc[listed["instrument"].eq("Ukraine Facility"), "commitment"].iloc[0]
    at.selectbox(key="ledger_commitment").set_value(euros).run()
    assert not at.exception, at.exception
    rows = mentions(at)
    assert list(rows.columns[2:5]) == ["text", "US$", "sentence"]
    assert list(rows.columns[10:12]) == ["currency", "US$ rate"]
    euro = rows[rows["currency"].eq("EUR")]
    assert len(euro) >= 2 and euro["US$"].str.fullmatch(r"\$[\d.]+bn").all()
    fixing = r"1 EUR = 1\.\d+ US\$, ECB reference rate of (\d{4}-\d\d-\d\d)"
    days = euro["US$ rate"].str.extract(fixing)[0]
    assert days.notna().all(), euro["US$ rate"].tolist()
    # The fixing is the article's day, or the last one before it (a weekend takes Friday's).
    published = pd.to_datetime(euro["published"])
    gap = published - pd.to_datetime(days)
    assert gap.between(pd.Timedelta(0), pd.Timedelta(days=4)).all()


def test_confirm_marks_every_mention_reviewed(folder, monkeypatch) -> None:
    at = open_ledger(folder, monkeypatch)
    cid = picked(at)
    n = len(mentions(at))
    at.button(key="ledger_confirm").click().run()
    assert not at.exception, at.exception
    rows = saved_rows(folder)
    assert len(rows) == n and set(rows["commitment_id"]) == {cid}
    assert set(rows["annotator"]) == {"alice"}
    assert cid not in queue(at)["commitment"].tolist()  # it left the needs-review queue
    assert not any(shown(c.value).startswith("$0 of") for c in at.caption)
    # U undoes it.
    at.button(key="ledger_undo").click().run()
    assert saved_rows(folder).empty and cid in queue(at)["commitment"].tolist()


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"stage": "delivered", "reason": "disbursed in March"}, {"stage": "delivered"}),
        (
            {"not_aid": True, "reason": "failed to agree"},
            {"stage": "", "reason": "failed to agree"},
        ),
        (
            {"donor": "Germany", "value": 2e9, "currency": "eur"},
            {"donor": "Germany", "currency": "EUR"},
        ),
    ],
)
def test_correct_a_mention(folder, monkeypatch, changes, expected) -> None:
    at = open_ledger(folder, monkeypatch)
    for name, value in changes.items():
        widget = next(
            w for w in at.main if getattr(w, "key", "") and w.key.startswith(f"ledger_{name}_")
        )
        widget.set_value(value)
    next(b for b in at.button if b.key.startswith("ledger_save_")).click().run()
    assert not at.exception, at.exception
    rows = saved_rows(folder)
    assert len(rows) == 1, [e.value for e in at.error]
    for column, value in expected.items():
        assert rows.iloc[0][column] == value
    if "value" in changes:
        assert float(rows.iloc[0]["value"]) == changes["value"]


def test_bad_correction_is_refused_and_nothing_written(folder, monkeypatch) -> None:
    at = open_ledger(folder, monkeypatch)
    widget = next(w for w in at.main if (getattr(w, "key", None) or "").startswith("ledger_cur"))
    widget.set_value("XYZ")
    next(b for b in at.button if b.key.startswith("ledger_save_")).click().run()
    assert not at.exception
    assert any("XYZ" in e.value for e in at.error)
    assert not (folder / "amount_reviews.csv").exists()


def test_split_and_merge(folder, monkeypatch) -> None:
    at = open_ledger(folder, monkeypatch)
    cid = picked(at)
    mention = mentions(at).iloc[0]
    next(b for b in at.button if b.key.startswith("ledger_split_")).click().run()
    rows = saved_rows(folder)
    article = mention["open"].removeprefix("/?article=")
    assert rows["commitment_id"].str.startswith(cid + "/" + article + ":").all()
    assert rows.iloc[0]["commitment_id"] == split_id(cid, article, int(rows.iloc[0]["start"]))
    # Merge the next commitment of the queue into the one after it.
    at.button(key="ledger_next").click().run()
    source = picked(at)
    box = at.selectbox(key="ledger_merge_target")
    target = box.options[0]
    box.select_index(0).run()
    at.button(key="ledger_merge").click().run()
    assert not at.exception, at.exception
    rows = saved_rows(folder)
    assert source != cid and not rows["commitment_id"].eq(source).any()
    assert rows["commitment_id"].str.contains(target.split(" · ")[3], regex=False).any()


def other_saves(folder, at, **values) -> tuple[AmountReviewStore, str]:
    """Save a review of the first mention shown as "bob", from another store; return it."""
    mention = mentions(at).iloc[0]
    article = mention["open"].removeprefix("/?article=")
    store = store_of(folder)
    start = store.text(article).index(mention["text"])
    review = AmountReview(article, start, start + len(mention["text"]), **values)
    store.save(article, [review], annotator="bob", base_revision=0)
    return store, article


def test_conflict_shows_both_versions(folder, monkeypatch) -> None:
    at = open_ledger(folder, monkeypatch)
    cid = picked(at)
    store, article = other_saves(
        folder, at, stage="delivered", reason="disbursed", commitment_id=cid, currency="EUR"
    )
    at.button(key="ledger_confirm").click().run()
    assert not at.exception, at.exception
    assert any("bob" in w.value and "after you opened it" in w.value for w in at.warning)
    assert saved_rows(folder)["annotator"].tolist() == ["bob"]  # nothing overwritten
    theirs, yours = (d.value for d in at.dataframe if "differs" in d.value.columns)
    assert theirs["stage"].tolist() == ["delivered"] and yours["stage"].tolist() != ["delivered"]
    at.button(key="ledger_use_mine").click().run()
    assert not at.exception, at.exception
    rows = saved_rows(folder)
    assert rows["annotator"].tolist() == ["alice"] and rows["stage"].tolist() != ["delivered"]
    assert store.article(article)[0] == 2


def test_keep_theirs_saves_nothing(folder, monkeypatch) -> None:
    at = open_ledger(folder, monkeypatch)
    other_saves(folder, at, stage="pledged", reason="signed", commitment_id=picked(at))
    at.button(key="ledger_confirm").click().run()
    at.button(key="ledger_keep_theirs").click().run()
    assert not at.exception, at.exception
    assert saved_rows(folder)["annotator"].tolist() == ["bob"]
    assert not any("after you opened it" in w.value for w in at.warning)


def test_a_click_on_a_commitment_gone_meanwhile_is_refused(folder, monkeypatch) -> None:
    at = open_ledger(folder, monkeypatch)
    store = store_of(folder)
    for _, mention in mentions(at).iterrows():  # bob marks every mention not aid: it is gone
        article = mention["open"].removeprefix("/?article=")
        start = store.text(article).index(mention["text"])
        end = start + len(mention["text"])
        revision, current = store.article(article)
        gone = AmountReview(article, start, end, stage="", reason="a budget")
        store.save(article, [*current, gone], annotator="bob", base_revision=revision)
    at.button(key="ledger_confirm").click().run()
    assert not at.exception, at.exception
    assert any("nothing was saved" in w.value for w in at.warning)
    assert set(saved_rows(folder)["annotator"]) == {"bob"}


def test_read_only_when_locked(folder, monkeypatch) -> None:
    monkeypatch.setenv("AIDLENS_PASSWORD", "a long secret")
    at = open_ledger(folder, monkeypatch)
    assert any("Read-only" in i.value for i in at.info)
    keys = {b.key for b in at.button}
    assert not keys & {"ledger_confirm", "ledger_merge", "ledger_undo"}
    assert len(mentions(at)) >= 1  # still readable


def test_read_only_without_a_name(folder, monkeypatch) -> None:
    at = open_ledger(folder, monkeypatch, annotator=None)
    assert any("give your name" in i.value for i in at.info)
    assert "ledger_confirm" not in {b.key for b in at.button}


HOSTILE = "<script>alert(1)</script> **bold** [x](javascript:alert(1))"


def test_hostile_review_text_is_escaped(folder, monkeypatch) -> None:
    at = open_ledger(folder, monkeypatch)
    mention = mentions(at).iloc[0]
    article = mention["open"].removeprefix("/?article=")
    store = store_of(folder)
    start = store.text(article).index(mention["text"])
    review = AmountReview(
        article,
        start,
        start + len(mention["text"]),
        stage="pledged",
        reason=HOSTILE,
        donor=HOSTILE,
        value=1e14,  # the largest commitment
        currency="USD",
        commitment_id=HOSTILE,
    )
    store.save(article, [review], annotator="mallory", base_revision=0)
    at = open_ledger(folder, monkeypatch)
    at.radio(key="ledger_view").set_value("all commitments").run()
    assert queue(at).iloc[0]["commitment"] == HOSTILE  # the largest first, in a table (safe)
    box = at.selectbox(key="ledger_commitment")
    box.select_index(next(i for i, o in enumerate(box.options) if HOSTILE in o)).run()
    assert not at.exception, at.exception
    assert HOSTILE in shown(at.subheader[0].value)  # shown as typed
    for element in [*at.markdown, *at.caption, *at.subheader]:
        assert "<script>" not in element.value and "](javascript" not in element.value
    assert not at.get("html")


def test_bad_hand_edited_rows_are_reported_and_the_good_ones_apply(folder, monkeypatch) -> None:
    gold = (ROOT / "sample_data" / "gold" / "amount_reviews.csv").read_text(encoding="utf-8")
    header, first, *_ = gold.splitlines()
    bad = first.replace(",350000000,", ",lots,")
    (folder / "amount_reviews.csv").write_text(f"{header}\n{bad}\n{gold.splitlines()[3]}\n")
    at = open_ledger(folder, monkeypatch)
    assert any("row 2" in w.value and "value" in w.value for w in at.warning), at.warning
    assert not any(shown(c.value).startswith("$0 of") for c in at.caption)  # the good row applies
