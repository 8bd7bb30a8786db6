"""An editor on a laptop, on the site deployed as documented: signs in with a code from an
authenticator app, publishes an offer, a branch page and an event that repeats every week, every
field that names another record (trade, sector, neighbourhood, employer, venue, branch, image,
document, a link in a text) filled through its chooser's search box; then a visitor finds each
page live at its canonical address, with its image served through the CDN.

What stands between a publication and a visitor is on the way: the page cache (a listing seen
before the publication shows the new page at once) and the worker (the search index is updated
by a task: the site search and the admin's page chooser find a page once it has run).
"""

import datetime
import re
import time

import requests
from playwright.sync_api import expect

from core.dates import hub_today
from tests.e2e.stack import ORIGIN
from tests.extranet.factories import PASSWORD, totp_code

# The worker indexes a page a second or two after its publication; CI machines are slower.
INDEX_TIMEOUT = 45
# The deployment's demo content queues some 800 index updates: a minute for the worker here.
BACKLOG_TIMEOUT = 300
# What the admin's date fields take (settings.WAGTAIL_DATE_FORMAT).
ADMIN_DATE = "%d/%m/%Y"
THURSDAY = 3
WEEKLY_DATES = 4

OFFER_TITLE = "Préparateur de commandes en entrepôt frigorifique (H/F)"
BRANCH_TITLE = "Les métiers du bâtiment"
EVENT_TITLE = "Les métiers du bâtiment : une matinée pour découvrir les chantiers"
OFFERS_LINK_TEXT = "Voir les offres d'emploi du moment."


# --- The admin, as an editor uses it


def sign_in_with_a_code(page, email, secret):
    """Opens /admin/, is sent to the sign-in, gives the password, then the app's code."""
    page.goto("/admin/")
    expect(page).to_have_url(re.compile(re.escape("/compte/login/?next=")))
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page).to_have_url(re.compile(re.escape("/compte/2fa/")))
    page.get_by_label("Code").fill(totp_code(secret))
    page.get_by_role("button", name="Connexion").click()
    expect(page).to_have_url(f"{ORIGIN}/admin/")


def add_page_under(page, index_title):
    """Through the page explorer, home page first, to the form of a new page under the index
    (each index takes one type of page: Wagtail opens its form at once)."""
    page.goto("/admin/pages/")
    page.get_by_role("link", name="Explorer les sous-pages de « Accueil »").click()
    page.get_by_role("link", name=f"Explorer les sous-pages de « {index_title} »").click()
    page.get_by_role("link", name="Ajouter une sous-page", exact=True).click()
    expect(page.get_by_role("button", name="Enregistrer le brouillon")).to_be_visible()


def field(page, label, role="textbox"):
    """A form field by its label, required (« Titre* ») or not."""
    return page.get_by_role(role, name=re.compile(rf"^{re.escape(label)}\*?$"))


def rich_text(page, label):
    """Draftail's editable area; its panel bears the field's label."""
    return field(page, label, role="region").get_by_role("textbox")


def write(page, label, text):
    editor = rich_text(page, label)
    editor.click()
    editor.press_sequentially(text)


def choose(page, opener, typed, result):
    """Opens a chooser, types in its search box, and picks the result it finds."""
    opener.click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Terme de recherche").fill(typed)
    # « Il y a 1 correspondance »: the search answered (a server error never says it).
    expect(
        dialog.get_by_role("alert"), f"« {typed} » typed in the chooser found nothing: web.log?"
    ).to_contain_text("correspondance")
    # A page, a snippet or a document is named by its title; an image by its text then title.
    dialog.get_by_role("link", name=re.compile(rf"(^|\s){re.escape(result)}$")).click()
    expect(dialog).to_be_hidden()


def image_title(content):
    return content["editor_image"]["title"]


def chooser_button(page, name):
    """The first visible button that opens a chooser (a chosen field's reads « Changer »)."""
    return page.get_by_role("button", name=name).first


def publish(page, title):
    """« Publier », in the menu beside « Enregistrer le brouillon »; the address the
    confirmation links to (« Visualiser la version publiée »)."""
    page.get_by_role("button", name="Plus d'actions").click()
    page.get_by_role("button", name="Publier", exact=True).click()
    confirmation = page.get_by_role("status").filter(has_text="a été publiée")
    expect(confirmation).to_contain_text(f"La page « {title} » a été publiée.")
    return confirmation.get_by_role("link", name="Visualiser la version publiée").get_attribute(
        "href"
    )


def publish_an_offer(page, content):
    add_page_under(page, content["editor_offer_index"])
    field(page, "Titre").fill(OFFER_TITLE)
    trade, sector = content["editor_offer_trade"], content["editor_offer_sector"]
    choose(page, chooser_button(page, "Choisir Métier"), "magasinage", trade)
    choose(page, chooser_button(page, "Choisir Filière"), "logistique", sector)
    field(page, "Type de contrat", role="combobox").select_option(label="CDI")
    field(page, "Horaires").fill("De 6 h à 13 h, du lundi au vendredi")
    field(page, "Commune").fill("Saint-Denis")
    field(page, "Code postal").fill("93200")
    neighbourhood, employer = content["editor_neighbourhood"], content["editor_employer"]
    choose(page, chooser_button(page, "Choisir Quartier"), "moisins", neighbourhood)
    choose(page, chooser_button(page, "Choisir Organisation"), "canal", employer)
    page.get_by_role("checkbox", name="Débutant accepté").check()
    write(page, "Description du poste", "Vous préparez les commandes des magasins, au froid.")
    page.get_by_role("tab", name="Promotion").click()
    choose(page, chooser_button(page, "Choisir une image"), "recruter", image_title(content))
    return publish(page, OFFER_TITLE)


def publish_a_branch_page(page, content):
    add_page_under(page, content["editor_branch_index"])
    field(page, "Titre").fill(BRANCH_TITLE)
    field(page, "Chapeau").fill("Maçons, peintres : le bâtiment forme sur le chantier.")
    sector = content["editor_branch_sector"]
    choose(page, chooser_button(page, "Choisir Filière"), "bâtiment", sector)
    last_presentation = hub_today() - datetime.timedelta(days=10)
    field(page, "Date de la dernière présentation").fill(last_presentation.strftime(ADMIN_DATE))
    for trade in content["editor_branch_trades"]:
        page.get_by_role("checkbox", name=trade, exact=True).check()
    write(page, "Le travail au quotidien", "On arrive tôt sur le chantier, en équipe.")
    # A link to the offers, chosen in the rich text's own page chooser.
    write(page, "Qui recrute", OFFERS_LINK_TEXT)
    rich_text(page, "Qui recrute").press("Shift+Home")
    hiring = field(page, "Qui recrute", role="region")
    choose(page, hiring.get_by_role("button", name="Lien"), "offres", content["editor_offer_index"])
    brochures = field(page, "Documents à télécharger", role="region")
    brochures.get_by_role("button", name="Insérer un bloc").click()
    document_chooser = brochures.get_by_role("button", name="Choisir un document")
    choose(page, document_chooser, "bâtiment", content["editor_brochure"])
    page.get_by_role("tab", name="Promotion").click()
    choose(page, chooser_button(page, "Choisir une image"), "recruter", image_title(content))
    # Then the sharing image: the listing image's button now reads « Changer l'image ».
    social_image = content["editor_social_image"]["title"]
    choose(page, chooser_button(page, "Choisir une image"), "accueil", social_image)
    return publish(page, BRANCH_TITLE)


def publish_a_weekly_event(page, content, first_day):
    add_page_under(page, content["editor_event_index"])
    field(page, "Titre").fill(EVENT_TITLE)
    field(page, "Type d'événement", role="combobox").select_option(
        label="Présentation d'une branche professionnelle"
    )
    field(page, "En une phrase").fill("Des maçons et des peintres racontent leur métier.")
    field(page, "Début").fill(f"{first_day.strftime(ADMIN_DATE)} 09:30")
    field(page, "Fin").fill(f"{first_day.strftime(ADMIN_DATE)} 12:00")
    field(page, "Répétition", role="combobox").select_option(label="Chaque semaine, le même jour")
    field(page, "Ou nombre de fois", role="spinbutton").fill(str(WEEKLY_DATES))
    choose(page, chooser_button(page, "Choisir Lieu"), "gymnase", content["editor_venue"])
    branch_chooser = chooser_button(page, re.compile("^Choisissez une page"))
    choose(page, branch_chooser, "bâtiment", BRANCH_TITLE)
    page.get_by_role("tab", name="Promotion").click()
    choose(page, chooser_button(page, "Choisir une image"), "recruter", image_title(content))
    return publish(page, EVENT_TITLE)


# --- The public site, as a visitor and a crawler see it


def open_live(visit, path):
    """A visitor opens the page: it answers 200 at https://www.dynamique-emploi.fr/…, and its
    canonical link is that very address."""
    page = visit("desktop")
    response = page.goto(path)
    assert response.status == 200, f"{path}: {response.status}"
    assert page.url == f"{ORIGIN}{path}", page.url
    expect(page.locator("link[rel=canonical]")).to_have_attribute("href", page.url)
    return page


def assert_image_served_by_the_cdn(visit, deployed, page, image):
    """The page's image (Open Graph: what a shared link shows) loads, from the CDN."""
    image_url = page.locator("meta[property='og:image']").get_attribute("content")
    assert image_url.startswith(f"https://{deployed.documented['S3_PUBLIC_DOMAIN']}/"), image_url
    # A rendition of the chosen image: named after its file.
    assert f"/{image['file_stem']}." in image_url, image_url
    response = visit("desktop").goto(image_url)
    assert response.status == 200, f"{image_url}: {response.status}"
    assert response.headers["content-type"].startswith("image/")


def assert_downloads(deployed, url):
    """A document's link answers with the file, through nginx (then the CDN if it redirects)."""
    response = deployed.get(url.removeprefix(ORIGIN))
    if response.is_redirect:
        response = requests.get(
            response.headers["Location"], verify=str(deployed.certificate), timeout=30
        )
    assert response.status_code == 200, f"{url}: {response.status_code}"
    assert response.content.startswith(b"%PDF")


def wait_for_the_worker(deployed):
    """Until no task waits for the worker: /healthz then says « ok » alone."""
    deadline = time.monotonic() + BACKLOG_TIMEOUT
    while (answer := deployed.get("/healthz").text) != "ok\n":
        assert time.monotonic() < deadline, f"the worker is behind: {answer}"
        time.sleep(1)


def search_until_found(visit, query, title):
    """The site search, asked again until the worker has indexed the page (search results are
    never cached); the page, with the result's link."""
    page = visit("desktop")
    result = page.locator("main").get_by_role("link", name=title, exact=True)
    deadline = time.monotonic() + INDEX_TIMEOUT
    while True:
        page.goto(f"/recherche/?q={query}")
        if result.count():
            return page, result
        assert time.monotonic() < deadline, (
            f"« {query} » did not find « {title} » within {INDEX_TIMEOUT} s"
        )
        time.sleep(0.5)


def listing_titles(visit, path):
    """What a visitor sees linked on a listing page, from the page cache when it can."""
    page = visit("desktop", javascript=False)
    page.goto(path)
    return page.locator("main").get_by_role("link").all_inner_texts()


def next_weekday(weekday, days_ahead=3):
    """The first `weekday` (0 is Monday) at least `days_ahead` days from today."""
    day = hub_today() + datetime.timedelta(days=days_ahead)
    return day + datetime.timedelta(days=(weekday - day.weekday()) % 7)


# --- The journey


def test_an_editor_publishes_an_offer_a_branch_and_a_weekly_event_that_visitors_find_live(
    deployed, visit
):
    content = deployed.content
    # What the editor will search for (the demo's images, documents, pages) is in the index.
    wait_for_the_worker(deployed)
    # Listings a visitor opened before: in the page cache, which each publication empties.
    assert OFFER_TITLE not in listing_titles(visit, "/offres/")
    assert BRANCH_TITLE not in listing_titles(visit, "/metiers/")
    assert EVENT_TITLE not in listing_titles(visit, "/evenements/")

    editor = visit("desktop")
    sign_in_with_a_code(editor, content["editor_email"], content["editor_totp_secret"])
    offer_path = publish_an_offer(editor, content)
    branch_path = publish_a_branch_page(editor, content)
    # The event presents the branch: the page chooser finds it once the worker indexed it.
    search_until_found(visit, "metiers batiment", BRANCH_TITLE)
    first_thursday = next_weekday(THURSDAY)
    event_path = publish_a_weekly_event(editor, content, first_thursday)

    # The offer: in the listing, found by the words a resident types, live.
    assert OFFER_TITLE in listing_titles(visit, "/offres/")
    search, result = search_until_found(visit, "preparateur frigorifique", OFFER_TITLE)
    result.click()
    expect(search).to_have_url(f"{ORIGIN}{offer_path}")
    offer = open_live(visit, offer_path)
    expect(offer.get_by_role("heading", level=1)).to_have_text(OFFER_TITLE)
    expect(offer.locator("main")).to_contain_text(content["editor_employer"])
    assert_image_served_by_the_cdn(visit, deployed, offer, content["editor_image"])

    # The branch page: its trades, its link to the offers, its brochure, the event presenting it.
    assert BRANCH_TITLE in listing_titles(visit, "/metiers/")
    branch = open_live(visit, branch_path)
    expect(branch.get_by_role("heading", level=1)).to_have_text(BRANCH_TITLE)
    presented = branch.get_by_role("region", name="Les métiers présentés").get_by_role("listitem")
    expect(presented).to_have_text(
        [as_presented(trade) for trade in content["editor_branch_trades"]]
    )
    offers_link = branch.get_by_role("link", name=OFFERS_LINK_TEXT)
    expect(offers_link).to_have_attribute("href", re.compile(rf"^({re.escape(ORIGIN)})?/offres/$"))
    brochure = branch.get_by_role("link", name=re.compile(re.escape(content["editor_brochure"])))
    assert_downloads(deployed, brochure.get_attribute("href"))
    presentations = branch.get_by_role("region", name="Prochains événements sur ces métiers")
    presentation = presentations.get_by_role("link", name=re.compile(re.escape(EVENT_TITLE)))
    expect(presentation.first).to_be_visible()
    assert_image_served_by_the_cdn(visit, deployed, branch, content["editor_social_image"])

    # The event: in the agenda, its four Thursdays, its venue.
    assert EVENT_TITLE in listing_titles(visit, "/evenements/")
    event = open_live(visit, event_path)
    expect(event.get_by_role("heading", level=1)).to_have_text(EVENT_TITLE)
    dates = event.locator(".event__dates a")
    expect(dates).to_have_count(WEEKLY_DATES)
    thursdays = [first_thursday + datetime.timedelta(weeks=week) for week in range(WEEKLY_DATES)]
    assert [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs(dates)] == [
        day.isoformat() for day in thursdays
    ]
    expect(event.locator("main")).to_contain_text(content["editor_venue"].split(",")[0])
    assert_image_served_by_the_cdn(visit, deployed, event, content["editor_image"])


def as_presented(trade):
    """« Maçonnerie (F1703) », as the chooser says it, as the branch page says it."""
    return re.sub(r" \((\w+)\)$", r" (fiche ROME \1)", trade)


def hrefs(links):
    return [links.nth(index).get_attribute("href") for index in range(links.count())]
