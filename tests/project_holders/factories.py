"""Factories for project holders, their notes and the « Je porte un projet ESS » page.

holder = ProjectHolderFactory(registered_by_organisation=org)   # registered by a member of org
ProjectHolderFactory(self_registered=True)                       # « à qualifier », consent online
ProjectHolderFactory(closed=True, closed_on=date)                 # clôturé, structure créée
ProjectHolderFactory(supported=True)                              # accompagné since today
FollowUpNoteFactory(holder=holder, author=user)
"""

import factory
import wagtail_factories
from django.utils import timezone

from core.dates import hub_today
from project_holders.enums import (
    ConsentMethod,
    HolderStatus,
    LegalForm,
    Need,
    Outcome,
    ProjectStage,
)
from project_holders.forms import consent_record, support_consent_text
from project_holders.models import FollowUpNote, ProjectHolder, ProjectProposalPage


class ProjectHolderFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Fatou Diallo {n}")
    phone = factory.Sequence(lambda n: f"06 12 {n // 100 % 100:02d} {n % 100:02d} 78")
    email = factory.Sequence(lambda n: f"porteur{n}@example.org")
    project_name = factory.Sequence(lambda n: f"Cantine solidaire n° {n}")
    project_description = "Une cantine qui emploie des habitants du quartier."
    stage = ProjectStage.IDEA
    legal_form = LegalForm.ASSOCIATION
    needs = factory.LazyFunction(lambda: [Need.FUNDING.value, Need.PREMISES.value])
    consent_method = ConsentMethod.ORALLY
    consent_given_at = factory.LazyFunction(timezone.now)
    consent_text = factory.LazyFunction(lambda: consent_record(support_consent_text(), False))
    status = HolderStatus.RECEIVED

    class Meta:
        model = ProjectHolder

    class Params:
        self_registered = factory.Trait(
            status=HolderStatus.TO_QUALIFY, consent_method=ConsentMethod.ONLINE
        )
        supported = factory.Trait(
            status=HolderStatus.SUPPORTED, supported_on=factory.LazyFunction(hub_today)
        )
        closed = factory.Trait(
            status=HolderStatus.CLOSED,
            outcome=Outcome.STRUCTURE_CREATED,
            closed_on=factory.LazyFunction(hub_today),
            supported_on=factory.SelfAttribute("closed_on"),
        )

    @classmethod
    def _create(cls, model_class, *args, self_registered=False, **kwargs):
        kwargs["self_registered"] = self_registered
        return super()._create(model_class, *args, **kwargs)


class FollowUpNoteFactory(factory.django.DjangoModelFactory):
    holder = factory.SubFactory(ProjectHolderFactory)
    text = "Premier rendez-vous : le projet est clair, il manque un local."

    class Meta:
        model = FollowUpNote


class ProjectProposalPageFactory(wagtail_factories.PageFactory):
    title = "Proposer mon projet ESS"
    slug = "proposer-mon-projet-ess"
    introduction = (
        "Vous habitez un quartier du territoire et vous avez un projet d'économie sociale et "
        "solidaire ? Le pôle vous accompagne gratuitement."
    )

    class Meta:
        model = ProjectProposalPage
