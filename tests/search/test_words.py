"""How search cuts text into words: folded, without the little words, plural and feminine as one."""

import pytest

from search.words import fold, light_stem, words


def test_fold_removes_case_accents_and_ligatures():
    assert fold("Œuvre à ÉPINAY, préparateur") == "oeuvre a epinay, preparateur"
    assert fold("ｐａｒｒａｉｎａｇｅ") == "parrainage"


def test_words_leave_out_small_words_and_single_letters():
    assert words("Agent d'entretien (H/F) à Saint-Denis") == [
        "agent",
        "entretien",
        "saint",
        "denis",
    ]
    assert words("le, la, les… 👩🏽‍💼") == []


@pytest.mark.parametrize(
    ("forms", "stem"),
    [
        (["commande", "commandes"], "command"),
        (["cariste", "caristes", "carist"], "carist"),
        (["préparateur", "préparateurs", "préparatrice", "préparatrices"], "preparateur"),
        (["serveur", "serveuse", "serveuses"], "serveur"),
        (["cuisinier", "cuisinière", "cuisinières"], "cuisinier"),
        (["technicien", "technicienne"], "technicien"),
    ],
)
def test_plural_and_feminine_share_a_light_stem(forms, stem):
    assert {light_stem(fold(form)) for form in forms} == {stem}


def test_different_words_keep_different_stems():
    assert light_stem("entretien") != light_stem("entrepot")
    assert light_stem("plonge") != light_stem("plongeur")
