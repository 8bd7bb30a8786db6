"""English and Arabic versions of part of the demo, made with wagtail-localize as an editor would.

Run by `manage.py load_demo` through the LOAD_DEMO_HOOK (home/wagtail_hooks.py), after the offers'
and events' steps, since it translates what they made. Each object gets a synchronised translation
(a TranslationSource and a Translation per language): its texts are stored as the translation
editor stores them, so editors find and change them in that editor, and a change to the French
page reaches the other languages when they sync it. Translations are then published, as an editor
does once they are checked.

What is translated: the home page, the job seekers' page and the contact page, the offer listing
and a few offers (not all: the others show the « not translated yet » notice), and every sector,
trade, neighbourhood and venue. Idempotent: an object already translated into a language is left
alone.

Then every other live offer is shown in English and Arabic in French, as production does
(offers.translations: an alias per language, until someone translates it). The offers added in
bulk for the measures (`--offers N`, without revisions) are left out: thousands of aliases would
take minutes, and the measures read the French listing.
"""

from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.contrib.redirects.models import Redirect
from wagtail.fields import StreamField
from wagtail.models import Locale, Page
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from events.models import Venue
from offers.models import OfferIndexPage, OfferPage
from offers.translations import sync_offer_aliases
from reference.models import Neighbourhood, Sector, Trade

LANGUAGES = ["en", "ar"]

STANDARD_PAGE_SLUGS = ["contact", "je-cherche-un-emploi"]
OFFER_SLUGS = [
    "preparateur-de-commandes-saint-denis",
    "agent-de-proprete-aubervilliers",
    "aide-a-domicile-la-courneuve",
    "jardinier-epinay-sur-seine",
]
# An offer left in French only, named so that tests can show its « not translated » notice.
UNTRANSLATED_OFFER_SLUG = "cariste-saint-denis"

# English addresses read better in English; Arabic ones keep the French words, which residents
# also see on signs and in the metro.
ENGLISH_SLUGS = {
    "accueil": "home",
    "offres": "job-offers",
    "contact": "contact",
    "je-cherche-un-emploi": "looking-for-a-job",
    "preparateur-de-commandes-saint-denis": "order-picker-saint-denis",
    "agent-de-proprete-aubervilliers": "cleaner-aubervilliers",
    "aide-a-domicile-la-courneuve": "home-care-worker-la-courneuve",
    "jardinier-epinay-sur-seine": "gardener-epinay-sur-seine",
}

# Figures, names, phone numbers and addresses: the same in every language.
UNCHANGED = {
    "434",
    "35",
    "101",
    "30",
    "13",
    "Plateforme Emploi Entreprises",
    "01 99 00 12 34",
    "01 99 00 56 78",
    "12 rue des Tisserands<br/>93200 Saint-Denis",
    "108 allée des Jardins<br/>93200 Saint-Denis",
    "Résidence « 108 »",
    "La Maladrerie",
    "Les 4000",
    "Les Poètes",
    "Floréal – La Saussaie",
    "Les Francs-Moisins",
    "Le Clos Saint-Lazare",
    "La Source – Les Presles",
}

# French text (with plain spaces) → (English, Arabic). Short sentences and everyday words, as in
# French. Line breaks in plain-text fields are written <br/>, as the translation editor shows them.
TEXTS = {
    # --- Home page
    "Accueil": ("Home", "الرئيسية"),
    "Le pôle Dynamique Emploi dans les Quartiers aide les habitants des quartiers prioritaires à "
    "trouver un emploi, et les entreprises à recruter près de chez elles.": (
        "The Dynamique Emploi dans les Quartiers hub helps people from priority neighbourhoods "
        "find a job, and helps companies hire close to home.",
        "يساعد قطب «ديناميك أمبلوا في الأحياء» سكان الأحياء ذات الأولوية على إيجاد عمل، "
        "ويساعد الشركات على التوظيف بالقرب منها.",
    ),
    "Rapprocher les habitants des quartiers prioritaires et les entreprises qui recrutent": (
        "Bringing people from priority neighbourhoods and hiring companies together",
        "نقرّب سكان الأحياء ذات الأولوية من الشركات التي توظّف",
    ),
    "Vous cherchez un emploi ? Vous voulez recruter près de chez vous ? Vous avez un projet utile "
    "pour le quartier ? Le pôle Dynamique Emploi dans les Quartiers vous accompagne, "
    "gratuitement.": (
        "Are you looking for a job? Do you want to hire near you? Do you have a project that "
        "helps the neighbourhood? The Dynamique Emploi dans les Quartiers hub helps you, for "
        "free.",
        "هل تبحث عن عمل؟ هل تريد أن توظّف بالقرب منك؟ هل لديك مشروع مفيد للحي؟ "
        "يرافقك قطب «ديناميك أمبلوا في الأحياء» مجانًا.",
    ),
    "Je cherche un emploi": ("I am looking for a job", "أبحث عن عمل"),
    "Venez sans rendez-vous. Un conseiller vous aide à trouver un travail ou une formation.": (
        "Come without an appointment. An adviser helps you find a job or a training course.",
        "تعال دون موعد. يساعدك مستشار على إيجاد عمل أو تكوين.",
    ),
    "Je recrute": ("I am hiring", "أريد أن أوظّف"),
    "Nous vous présentons des candidats du quartier et nous les suivons après l'embauche.": (
        "We introduce you to candidates from the neighbourhood and support them after they are "
        "hired.",
        "نقدّم لك مرشحين من الحي ونتابعهم بعد التوظيف.",
    ),
    "Je porte un projet ESS": (
        "I have a social economy project",
        "لديّ مشروع في الاقتصاد الاجتماعي والتضامني",
    ),
    "Vous créez une activité utile au quartier ? Nous vous accompagnons gratuitement.": (
        "Are you starting an activity that helps the neighbourhood? We support you for free.",
        "هل تنشئ نشاطًا مفيدًا للحي؟ نرافقك مجانًا.",
    ),
    "Nos résultats en chiffres": ("Our results in figures", "نتائجنا بالأرقام"),
    "demandeurs d'emploi accompagnés": ("job seekers supported", "باحثًا عن عمل رافقناهم"),
    "en 2015": ("in 2015", "في 2015"),
    "49 %": ("49%", "49٪"),
    "ont moins de 26 ans": ("are under 26", "عمرهم أقل من 26 سنة"),
    "parmi eux": ("of them", "منهم"),
    "78 %": ("78%", "78٪"),
    "ont trouvé un emploi": ("found a job", "وجدوا عملًا"),
    "parmi les 178 sorties d'accompagnement": (
        "of the 178 people who left our support",
        "من بين 178 شخصًا أنهوا المرافقة",
    ),
    "personnes parrainées": ("people mentored", "شخصًا حصلوا على عرّاب"),
    "entreprises ont recruté ou parrainé": (
        "companies hired or mentored",
        "شركة وظّفت أو قدّمت عرّابًا",
    ),
    "porteurs de projet ESS accompagnés": (
        "social economy projects supported",
        "صاحب مشروع في الاقتصاد الاجتماعي رافقناهم",
    ),
    "chaque année": ("each year", "كل سنة"),
    "visiteurs par jour à la Plateforme": (
        "visitors a day at the Plateforme",
        "زائرًا في اليوم في المنصة",
    ),
    "en moyenne": ("on average", "في المتوسط"),
    "Un pôle de coopération au cœur des quartiers": (
        "A cooperation hub in the heart of the neighbourhoods",
        "قطب تعاون في قلب الأحياء",
    ),
    "La Plateforme Emploi Entreprises et la résidence « 108 » ont uni leurs forces. Avec 150 "
    "entreprises, des structures d'insertion et des collectivités, elles forment le "
    '<a id="a1">pôle Dynamique Emploi dans les Quartiers</a>.': (
        "The Plateforme Emploi Entreprises and the « 108 » residence have joined forces. With "
        "150 companies, back-to-work organisations and local councils, they form the "
        '<a id="a1">Dynamique Emploi dans les Quartiers hub</a>.',
        "اتّحدت «منصة التشغيل والمؤسسات» و«إقامة 108». ومع 150 شركة وهيئات للإدماج المهني "
        'وجماعات محلية، تشكّلان <a id="a1">قطب «ديناميك أمبلوا في الأحياء»</a>.',
    ),
    "Venez nous rencontrer": ("Come and meet us", "تعال للقائنا"),
    "La Plateforme Emploi Entreprises vous accueille sans rendez-vous, du lundi au vendredi "
    "matin.": (
        "The Plateforme Emploi Entreprises welcomes you without an appointment, Monday to "
        "Friday mornings.",
        "تستقبلك «منصة التشغيل والمؤسسات» دون موعد، من الاثنين إلى الجمعة صباحًا.",
    ),
    "Adresse et horaires": ("Address and opening hours", "العنوان وأوقات الاستقبال"),
    "Ils travaillent avec nous": ("They work with us", "يعملون معنا"),
    # --- Job offers
    "Offres d'emploi": ("Job offers", "عروض العمل"),
    "Les offres d'emploi des entreprises du réseau, près de chez vous.": (
        "Job offers from the network's companies, near you.",
        "عروض عمل من شركات الشبكة، بالقرب منك.",
    ),
    "Des offres d'emploi près de chez vous, choisies avec les entreprises du réseau. Beaucoup "
    "sont ouvertes aux débutants et aux personnes sans diplôme. Une offre vous intéresse ? "
    "Dites-le nous : un conseiller vous rappelle.": (
        "Job offers near you, chosen with the network's companies. Many are open to beginners "
        "and to people without a diploma. Interested in an offer? Tell us: an adviser will call "
        "you back.",
        "عروض عمل بالقرب منك، اخترناها مع شركات الشبكة. كثير منها مفتوح للمبتدئين "
        "ولمن ليس لديهم شهادة. هل يهمّك عرض؟ أخبرنا وسيتصل بك مستشار.",
    ),
    "Préparateur de commandes (H/F)": ("Order picker", "محضّر طلبيات (رجل/امرأة)"),
    "Vous travaillez dans un entrepôt. Vous préparez des colis. On vous apprend le travail le "
    "premier jour. Pas besoin de diplôme.": (
        "You work in a warehouse. You pack parcels. We teach you the job on the first day. "
        "No diploma needed.",
        "تعمل في مستودع. تحضّر الطرود. نعلّمك العمل في اليوم الأول. لا حاجة إلى شهادة.",
    ),
    "Du lundi au vendredi, de 5 h à 12 h": (
        "Monday to Friday, 5 am to 12 noon",
        "من الاثنين إلى الجمعة، من الساعة 5 إلى الساعة 12",
    ),
    "Bus 255, arrêt Francs-Moisins ; métro ligne 13, station Saint-Denis – Porte de Paris": (
        "Bus 255, Francs-Moisins stop; metro line 13, Saint-Denis – Porte de Paris station",
        "الحافلة 255، محطة Francs-Moisins؛ المترو الخط 13، محطة Saint-Denis – Porte de Paris",
    ),
    "Vous préparez les commandes des magasins. Vous prenez les produits dans les rayons de "
    "l'entrepôt, vous les mettez dans des cartons et sur des palettes.": (
        "You prepare orders for shops. You take products from the warehouse shelves and put "
        "them in boxes and on pallets.",
        "تحضّر طلبيات المتاجر. تأخذ المنتجات من رفوف المستودع وتضعها في صناديق وعلى منصّات.",
    ),
    "Vous utilisez un scanner qui vous dit quoi prendre.": (
        "You use a scanner that tells you what to take.",
        "تستعمل جهاز مسح يقول لك ماذا تأخذ.",
    ),
    "Vous êtes formé à votre arrivée.": (
        "You are trained when you start.",
        "تتلقّى تكوينًا عند وصولك.",
    ),
    "Agent de propreté (H/F)": ("Cleaner", "عامل نظافة (رجل/امرأة)"),
    "Vous faites le ménage dans des bureaux. Vous travaillez tôt le matin. Pas besoin de "
    "diplôme. On vous donne les produits et une tenue.": (
        "You clean offices. You work early in the morning. No diploma needed. We give you the "
        "products and a uniform.",
        "تنظّف المكاتب. تعمل في الصباح الباكر. لا حاجة إلى شهادة. نعطيك المواد ولباس العمل.",
    ),
    "Du lundi au vendredi, de 6 h à 9 h et de 17 h à 20 h": (
        "Monday to Friday, 6 am to 9 am and 5 pm to 8 pm",
        "من الاثنين إلى الجمعة، من 6 إلى 9 صباحًا ومن 5 إلى 8 مساءً",
    ),
    "Métro ligne 7, station Fort d'Aubervilliers": (
        "Metro line 7, Fort d'Aubervilliers station",
        "المترو الخط 7، محطة Fort d'Aubervilliers",
    ),
    "Vous nettoyez des bureaux, des écoles ou des magasins : sols, poubelles, sanitaires. Vous "
    "utilisez une autolaveuse et des produits adaptés.": (
        "You clean offices, schools or shops: floors, bins, toilets. You use a floor scrubber "
        "and the right products.",
        "تنظّف مكاتب أو مدارس أو متاجر: الأرضيات، سلال المهملات، المراحيض. "
        "تستعمل آلة تنظيف الأرضيات ومواد مناسبة.",
    ),
    "Aide à domicile (H/F)": ("Home care worker", "مساعد منزلي (رجل/امرأة)"),
    "Vous aidez des personnes âgées chez elles. Vous faites les courses et le repas. Vous êtes "
    "formé au début.": (
        "You help older people in their homes. You do the shopping and cook meals. You are "
        "trained at the start.",
        "تساعد كبار السن في بيوتهم. تشتري لهم حاجياتهم وتحضّر الطعام. تتلقّى تكوينًا في البداية.",
    ),
    "Du lundi au vendredi, et un week-end sur deux": (
        "Monday to Friday, and every other weekend",
        "من الاثنين إلى الجمعة، وعطلة نهاية أسبوع من كل اثنتين",
    ),
    "RER B, gare La Courneuve – Aubervilliers, puis 10 minutes à pied": (
        "RER B, La Courneuve – Aubervilliers station, then a 10-minute walk",
        "قطار RER B، محطة La Courneuve – Aubervilliers، ثم 10 دقائق مشيًا",
    ),
    "Vous aidez des personnes âgées chez elles : faire les courses, préparer le repas, aider à "
    "la toilette. Vous allez chez plusieurs personnes dans la journée.": (
        "You help older people in their homes: shopping, cooking, help with washing. You visit "
        "several people each day.",
        "تساعد كبار السن في بيوتهم: التسوّق، تحضير الطعام، المساعدة على الاستحمام. "
        "تزور عدة أشخاص في اليوم.",
    ),
    "Jardinier (H/F)": ("Gardener", "بستاني (رجل/امرأة)"),
    "Ce contrat est fait pour reprendre le travail. Vous êtes payé. Une personne vous aide pour "
    "la suite : formation, autre emploi.": (
        "This contract helps you get back to work. You are paid. Someone helps you with the "
        "next step: training or another job.",
        "هذا العقد يساعدك على العودة إلى العمل. تتقاضى أجرًا. يساعدك شخص في الخطوة التالية: "
        "تكوين أو عمل آخر.",
    ),
    "4 mois, renouvelable jusqu'à 2 ans": (
        "4 months, renewable for up to 2 years",
        "4 أشهر، قابلة للتجديد حتى سنتين",
    ),
    "Du lundi au jeudi, de 8 h à 15 h": (
        "Monday to Thursday, 8 am to 3 pm",
        "من الاثنين إلى الخميس، من 8 صباحًا إلى 3 مساءً",
    ),
    "Tramway T8, arrêt Les Presles": (
        "Tram T8, Les Presles stop",
        "الترامواي T8، محطة Les Presles",
    ),
    "Vous entretenez les parcs et les jardins : tondre, tailler, planter, ramasser les feuilles. "
    "Vous travaillez dehors, en équipe.": (
        "You look after parks and gardens: mowing, pruning, planting, raking leaves. You work "
        "outdoors, in a team.",
        "تعتني بالحدائق والمنتزهات: جزّ العشب، التقليم، الغرس، جمع الأوراق. "
        "تعمل في الخارج، ضمن فريق.",
    ),
    # --- The job seekers' page
    "Vous cherchez un travail.<br/>Venez à la Plateforme Emploi Entreprises.<br/>Un conseiller "
    "vous écoute.<br/>Il vous aide à faire votre CV.<br/>Il vous montre les offres d'emploi du "
    "quartier.<br/>C'est gratuit. Pas besoin de rendez-vous.": (
        "You are looking for work.<br/>Come to the Plateforme Emploi Entreprises.<br/>An adviser "
        "listens to you.<br/>The adviser helps you write your CV.<br/>The adviser shows you job "
        "offers in the neighbourhood.<br/>It is free. No appointment needed.",
        "أنت تبحث عن عمل.<br/>تعال إلى «منصة التشغيل والمؤسسات».<br/>يستمع إليك مستشار.<br/>"
        "يساعدك على كتابة سيرتك الذاتية.<br/>يريك عروض العمل في الحي.<br/>الخدمة مجانية. "
        "لا حاجة إلى موعد.",
    ),
    "La Plateforme Emploi Entreprises vous aide à trouver un travail ou une formation. C'est "
    "gratuit, et le matin, vous pouvez venir sans rendez-vous.": (
        "The Plateforme Emploi Entreprises helps you find a job or a training course. It is "
        "free, and in the morning you can come without an appointment.",
        "تساعدك «منصة التشغيل والمؤسسات» على إيجاد عمل أو تكوين. الخدمة مجانية، "
        "ويمكنك المجيء صباحًا دون موعد.",
    ),
    "Comment nous vous aidons": ("How we help you", "كيف نساعدك"),
    "Un conseiller vous écoute et fait le point avec vous.": (
        "An adviser listens to you and looks at your situation with you.",
        "يستمع إليك مستشار ويدرس وضعك معك.",
    ),
    "Il vous aide à écrire votre CV et à préparer les entretiens.": (
        "The adviser helps you write your CV and prepare for interviews.",
        "يساعدك على كتابة سيرتك الذاتية والتحضير للمقابلات.",
    ),
    "Il vous montre les offres d'emploi des entreprises du quartier.": (
        "The adviser shows you job offers from local companies.",
        "يريك عروض العمل لدى شركات الحي.",
    ),
    "Il vous présente aux entreprises qui recrutent.": (
        "The adviser introduces you to companies that are hiring.",
        "يقدّمك إلى الشركات التي توظّف.",
    ),
    "Après l'embauche, il reste là si vous avez besoin.": (
        "After you are hired, the adviser is still there if you need help.",
        "بعد التوظيف، يبقى إلى جانبك إذا احتجت إليه.",
    ),
    "Une conseillère et un habitant assis de chaque côté d'une table.": (
        "An adviser and a resident sitting on each side of a table.",
        "مستشارة وأحد السكان جالسان على جانبي طاولة.",
    ),
    "Le matin, on vous reçoit sans rendez-vous.": (
        "In the morning, we see you without an appointment.",
        "في الصباح، نستقبلك دون موعد.",
    ),
    "Accueil sans rendez-vous le matin": (
        "Walk in without an appointment in the morning",
        "استقبال دون موعد في الصباح",
    ),
    "Du lundi au vendredi, de 9 h à 12 h 30 : sans rendez-vous<br/>Du lundi au jeudi, de 14 h à "
    "17 h : sur rendez-vous": (
        "Monday to Friday, 9 am to 12:30 pm: no appointment needed<br/>Monday to Thursday, 2 pm "
        "to 5 pm: by appointment",
        "من الاثنين إلى الجمعة، من 9 إلى 12:30: دون موعد<br/>من الاثنين إلى الخميس، "
        "من 2 إلى 5 مساءً: بموعد",
    ),
    "Le parrainage": ("Mentoring", "العرّاب المهني"),
    "Un parrain ou une marraine travaille dans une entreprise. Pendant quelques mois, il vous "
    "donne des conseils, vous fait découvrir son métier et vous présente à des employeurs.": (
        "A mentor works in a company. For a few months, they give you advice, show you their "
        "trade and introduce you to employers.",
        "العرّاب رجل أو امرأة يعمل في شركة. لبضعة أشهر، يقدّم لك النصائح ويعرّفك على مهنته "
        "ويقدّمك إلى أصحاب العمل.",
    ),
    "En 2015, 35 personnes ont été parrainées. Chaque mois, une rencontre réunit les parrains et "
    "les personnes parrainées.": (
        "In 2015, 35 people had a mentor. Every month, mentors and the people they help meet.",
        "في 2015، حصل 35 شخصًا على عرّاب. كل شهر، يلتقي العرّابون والأشخاص الذين يرافقونهم.",
    ),
    "Deux personnes marchent côte à côte sur un chemin.": (
        "Two people walk side by side along a path.",
        "شخصان يمشيان جنبًا إلى جنب على طريق.",
    ),
    "Questions fréquentes": ("Frequently asked questions", "أسئلة شائعة"),
    "Faut-il un CV pour venir ?": ("Do I need a CV to come?", "هل أحتاج إلى سيرة ذاتية للمجيء؟"),
    "Non. Venez comme vous êtes. Un conseiller vous aide à écrire votre CV.": (
        "No. Come as you are. An adviser helps you write your CV.",
        "لا. تعال كما أنت. يساعدك مستشار على كتابة سيرتك الذاتية.",
    ),
    "C'est payant ?": ("Do I have to pay?", "هل الخدمة بمقابل؟"),
    "Non. Tout est gratuit.": ("No. Everything is free.", "لا. كل شيء مجاني."),
    "Faut-il prendre rendez-vous ?": ("Do I need an appointment?", "هل يجب أن آخذ موعدًا؟"),
    "Non, pas le matin : venez du lundi au vendredi, entre 9 h et 12 h 30. L'après-midi, c'est "
    "sur rendez-vous.": (
        "Not in the morning: come Monday to Friday, between 9 am and 12:30 pm. In the afternoon, "
        "it is by appointment.",
        "ليس في الصباح: تعال من الاثنين إلى الجمعة، بين 9 و12:30. بعد الظهر، بموعد.",
    ),
    "Je lis mal le français. Pouvez-vous m'aider ?": (
        "I do not read French well. Can you help me?",
        "لا أقرأ الفرنسية جيدًا. هل يمكنكم مساعدتي؟",
    ),
    "Oui. Le conseiller vous lit les documents et vous aide à les remplir. Vous pouvez aussi "
    "venir avec une personne de confiance.": (
        "Yes. The adviser reads the documents to you and helps you fill them in. You can also "
        "come with someone you trust.",
        "نعم. يقرأ لك المستشار الوثائق ويساعدك على ملئها. يمكنك أيضًا المجيء مع شخص تثق به.",
    ),
    "Je suis inscrit à France Travail. Puis-je venir ?": (
        "I am registered with France Travail. Can I come?",
        "أنا مسجّل في France Travail. هل يمكنني المجيء؟",
    ),
    "Oui. Nous travaillons avec France Travail et la Mission locale.": (
        "Yes. We work with France Travail and the Mission locale.",
        "نعم. نعمل مع France Travail و«Mission locale».",
    ),
    "Venez nous voir": ("Come and see us", "تعال لزيارتنا"),
    "Apportez une pièce d'identité si vous en avez une. C'est tout.": (
        "Bring an identity document if you have one. That is all.",
        "أحضر وثيقة هوية إن كانت لديك. هذا كل شيء.",
    ),
    # --- Contact
    "Contact": ("Contact", "اتصل بنا"),
    "Venez nous voir, appelez-nous ou écrivez-nous. Nous vous répondons.": (
        "Come and see us, call us or write to us. We will answer.",
        "زرنا أو اتصل بنا أو اكتب إلينا. سنجيبك.",
    ),
    "Pour les demandeurs d'emploi et les entreprises": (
        "For job seekers and companies",
        "للباحثين عن عمل وللشركات",
    ),
    "Pour les porteurs de projet de l'économie sociale et solidaire": (
        "For people with a social economy project",
        "لأصحاب المشاريع في الاقتصاد الاجتماعي والتضامني",
    ),
    "Sur rendez-vous, du lundi au jeudi": (
        "By appointment, Monday to Thursday",
        "بموعد، من الاثنين إلى الخميس",
    ),
    "Comment venir": ("How to get here", "كيف تصل إلينا"),
    "En bus : arrêt « Les Tisserands », devant la Plateforme.": (
        "By bus: « Les Tisserands » stop, in front of the Plateforme.",
        "بالحافلة: محطة «Les Tisserands»، أمام المنصة.",
    ),
    "À pied : 5 minutes depuis le marché.": (
        "On foot: 5 minutes from the market.",
        "مشيًا: 5 دقائق من السوق.",
    ),
    "L'entrée est de plain-pied : on peut entrer en fauteuil roulant.": (
        "The entrance has no steps: you can come in with a wheelchair.",
        "المدخل بلا درج: يمكن الدخول بكرسي متحرك.",
    ),
    "Un plan du quartier avec un repère sur la Plateforme.": (
        "A map of the neighbourhood with a marker on the Plateforme.",
        "خريطة للحي عليها علامة عند المنصة.",
    ),
    "La Plateforme est à 5 minutes à pied du marché.": (
        "The Plateforme is a 5-minute walk from the market.",
        "المنصة على بعد 5 دقائق مشيًا من السوق.",
    ),
    # --- Sectors
    "Accueil et administratif": ("Reception and office work", "الاستقبال والأعمال الإدارية"),
    "Aide à la personne": ("Care and home help", "مساعدة الأشخاص"),
    "Bâtiment et travaux publics": ("Building and public works", "البناء والأشغال العمومية"),
    "Commerce et vente": ("Retail and sales", "التجارة والبيع"),
    "Espaces verts": ("Parks and gardens", "المساحات الخضراء"),
    "Hôtellerie et restauration": ("Hotels and catering", "الفندقة والمطاعم"),
    "Industrie": ("Industry", "الصناعة"),
    "Logistique et transport": ("Logistics and transport", "اللوجستيك والنقل"),
    "Maintenance": ("Maintenance", "الصيانة"),
    "Propreté": ("Cleaning", "النظافة"),
    "Santé": ("Health", "الصحة"),
    "Sécurité": ("Security", "الأمن"),
    # --- Trades (ROME fiches)
    "Accueil et renseignements": ("Reception and information", "الاستقبال والإرشاد"),
    "Aménagement et entretien des espaces verts": (
        "Landscaping and green space upkeep",
        "تهيئة المساحات الخضراء وصيانتها",
    ),
    "Assistance auprès d'adultes": ("Care for adults", "مساعدة البالغين"),
    "Assistance auprès d'enfants": ("Childcare", "رعاية الأطفال"),
    "Conduite d'engins de déplacement des charges": (
        "Forklift and materials-handling driving",
        "قيادة آلات نقل الحمولات",
    ),
    "Conduite et livraison par tournées sur courte distance": (
        "Local delivery driving",
        "القيادة والتوصيل في جولات قصيرة",
    ),
    "Magasinage et préparation de commandes": (
        "Warehouse work and order picking",
        "التخزين وتحضير الطلبيات",
    ),
    "Maintenance des bâtiments et des locaux": (
        "Building maintenance",
        "صيانة المباني والمحلات",
    ),
    "Manutention manuelle de charges": ("Manual handling", "المناولة اليدوية للحمولات"),
    "Maçonnerie": ("Bricklaying", "البناء بالحجارة"),
    "Mise en rayon libre-service": ("Shelf stacking", "ترتيب الرفوف في المتاجر"),
    "Nettoyage de locaux": ("Office and building cleaning", "تنظيف المحلات"),
    "Nettoyage des espaces urbains": ("Street cleaning", "تنظيف الفضاءات الحضرية"),
    "Opérations administratives": ("Office administration", "العمليات الإدارية"),
    "Opérations manuelles d'assemblage, tri ou emballage": (
        "Manual assembly, sorting or packing",
        "التجميع أو الفرز أو التغليف اليدوي",
    ),
    "Peinture en bâtiment": ("Painting and decorating", "طلاء المباني"),
    "Personnel de caisse": ("Checkout staff", "موظفو الصندوق"),
    "Personnel de cuisine": ("Kitchen staff", "موظفو المطبخ"),
    "Personnel polyvalent en restauration": (
        "Catering assistant",
        "عامل متعدد المهام في المطاعم",
    ),
    "Préparation du gros œuvre et des travaux publics": (
        "Building site labouring",
        "تحضير الأشغال الكبرى والأشغال العمومية",
    ),
    "Service en restauration": ("Waiting staff", "الخدمة في المطاعم"),
    "Services domestiques": ("Domestic cleaning", "الخدمات المنزلية"),
    "Soins d'hygiène, de confort du patient": (
        "Patient care and comfort",
        "العناية بنظافة المريض وراحته",
    ),
    "Sécurité et surveillance privées": ("Private security", "الأمن والحراسة الخاصة"),
    "Vente en alimentation": ("Food sales", "بيع المواد الغذائية"),
    "Électricité bâtiment": ("Building electrics", "كهرباء المباني"),
    # --- Neighbourhoods whose name has words to translate
    "Centre-ville": ("Town centre", "وسط المدينة"),
    # --- Venues
    "Gymnase Auguste-Delaune": ("Auguste-Delaune sports hall", "قاعة الرياضة Auguste-Delaune"),
    "Entrée de plain-pied. Vestiaire pour les manteaux et les sacs à l'entrée.": (
        "Step-free entrance. Cloakroom for coats and bags at the entrance.",
        "مدخل بلا درج. خزانة للمعاطف والحقائب عند المدخل.",
    ),
    "Tramway T1, station Saint-Denis – Floréal": (
        "Tram T1, Saint-Denis – Floréal stop",
        "الترامواي T1، محطة Saint-Denis – Floréal",
    ),
    "Mairie de Saint-Denis, salle du conseil": (
        "Saint-Denis town hall, council chamber",
        "بلدية Saint-Denis، قاعة المجلس",
    ),
    "Entrée par la cour, à droite. Ascenseur jusqu'au premier étage.": (
        "Entrance through the courtyard, on the right. Lift to the first floor.",
        "الدخول من الساحة، على اليمين. مصعد حتى الطابق الأول.",
    ),
    "Métro ligne 13, station Basilique de Saint-Denis": (
        "Metro line 13, Basilique de Saint-Denis station",
        "المترو الخط 13، محطة Basilique de Saint-Denis",
    ),
    "Au rez-de-chaussée. Sonnez à l'interphone « PEE ». Une boucle magnétique est disponible à "
    "l'accueil.": (
        "On the ground floor. Ring the « PEE » intercom. A hearing loop is available at reception.",
        "في الطابق الأرضي. اضغط على جرس الاتصال الداخلي «PEE». تتوفر حلقة سمعية في الاستقبال.",
    ),
    "Métro ligne 13, station Saint-Denis – Porte de Paris ; bus 255, arrêt Franc-Moisin": (
        "Metro line 13, Saint-Denis – Porte de Paris station; bus 255, Franc-Moisin stop",
        "المترو الخط 13، محطة Saint-Denis – Porte de Paris؛ الحافلة 255، محطة Franc-Moisin",
    ),
}


class MissingDemoTranslation(LookupError):
    """A French text of the demo has no English or Arabic version in TEXTS."""


def translated_text(source, language_code, field_path=""):
    """The `language_code` version of a French segment, as the translation editor stores it."""
    if field_path == "slug":
        return ENGLISH_SLUGS.get(source, source) if language_code == "en" else source
    # The French demo puts non-breaking spaces where French typography wants them.
    key = source.replace("\u00a0", " ")
    if key in UNCHANGED:
        return source
    try:
        english, arabic = TEXTS[key]
    except KeyError:
        raise MissingDemoTranslation(source) from None
    return english if language_code == "en" else arabic


def give_list_items_ids(page):
    """Store the page's list blocks as Wagtail's editor does, each item with an id.

    The demo's factories write lists (questions of an FAQ…) without ids, and wagtail-localize
    leaves such items out of the translation. Saving them once as the editor would fixes that.
    """
    changed = False
    for field in page._meta.concrete_fields:
        if isinstance(field, StreamField):
            value = getattr(page, field.name)
            stored = [dict(block) for block in value.raw_data]
            list(value)  # reads every block, so that saving writes them in the editor's format
            if value.get_prep_value() != stored:
                changed = True
    if changed:
        page.save_revision(log_action=False).publish(log_action=False)


def translate(instance, locales):
    """Translate `instance` into the `locales` it lacks; return the translations made.

    As the « Translate » action of wagtail-localize: a synchronised translation per language, its
    texts taken from TEXTS, then saved (and published, for pages).
    """
    missing = [
        locale
        for locale in locales
        if not instance.get_translations().filter(locale=locale).exists()
    ]
    made = []
    if not missing:
        return made
    if isinstance(instance, Page):
        give_list_items_ids(instance)
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    segments = source.stringsegment_set.select_related("string", "context")
    for locale in missing:
        Translation.objects.update_or_create(
            source=source, target_locale=locale, defaults={"enabled": True}
        )
        for segment in segments:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string,
                locale=locale,
                context=segment.context,
                defaults={
                    "data": translated_text(
                        segment.string.data, locale.language_code, segment.context.path
                    )
                },
            )
        # fallback=True only keeps links to pages not translated yet (the French page is
        # shown): every text has been given above.
        translation, _created = source.create_or_update_translation(
            locale, publish=not isinstance(instance, Page), fallback=True
        )
        if isinstance(translation, Page):
            translation.save_revision(log_action=False).publish(log_action=False)
        made.append(translation)
    return made


def load_translations_demo(demo):
    locales = list(Locale.objects.filter(language_code__in=LANGUAGES))
    home = demo.home_page
    offer_index = OfferIndexPage.objects.child_of(home).first()
    default_locale = home.locale
    snippets = [
        *Sector.objects.filter(locale=default_locale),
        *Trade.objects.filter(locale=default_locale),
        *Neighbourhood.objects.filter(locale=default_locale),
        *Venue.objects.filter(locale=default_locale),
    ]
    # Parents before children, snippets before the offers that show them.
    pages = [
        home,
        *[page.specific for page in home.get_children().filter(slug__in=STANDARD_PAGE_SLUGS)],
        offer_index,
        *OfferPage.objects.child_of(offer_index).filter(slug__in=OFFER_SLUGS),
    ]
    made = [translation for instance in snippets for translation in translate(instance, locales)]
    pages_made = [translation for page in pages for translation in translate(page, locales)]
    # Wagtail redirects the copies' French slugs to the English ones, addresses never published,
    # once the transaction commits; these go right after.
    transaction.on_commit(
        lambda: Redirect.objects.filter(
            redirect_page__in=[page.pk for page in pages_made], automatically_created=True
        ).delete()
    )
    # After the translations: an offer with an alias would count as translated (see translate).
    aliases = sync_offer_aliases(
        OfferPage.objects.child_of(offer_index).filter(latest_revision__isnull=False)
    )
    if aliases:
        demo.count("pages", len(aliases))
        demo.log(_("Offres non traduites montrées en anglais et en arabe, en français."))
    if made or pages_made:
        demo.count("pages", len(pages_made))
        demo.count(_("traductions"), len(made))
        demo.log(_("Pages et référentiels traduits en anglais et en arabe."))
    else:
        demo.log(_("Les traductions anglaises et arabes existent déjà."))
