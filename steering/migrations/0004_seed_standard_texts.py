"""The secretariat's standard texts, first edition, written from the two source documents.

The secretariat edits them afterwards in the admin; this only creates missing rows.
"""

from django.db import migrations

TEXTS = {
    "region_support": (
        "Det tilbyder regionerne dig",
        "What the regions offer you",
        """Regionerne har aftalt et fælles minimum for den støtte, de giver styregruppemedlemmer, der er ansat i regionen:

- Regionens administration og hospitalerne hjælper dig gerne, fx med at forstå, hvordan regionen er organiseret, med kontakt til andre hospitaler og med sekretariatsbistand til tværgående indsatser.
- Din arbejdsplads sørger for, at du kan passe arbejdet i styregruppen som en del af dit job. Formænd (og efter aftale andre medlemmer) kan frikøbes med midler fra den fælles RKKP-pulje.
- Regionen hjælper dig med at bruge sit ledelsesinformationssystem (LIS) til at finde og forstå data fra de kliniske kvalitetsdatabaser.
- Ledelsen på dit hospital og din afdeling bakker op om dit arbejde i styregruppen.

Din region kan have tilføjet mere nedenfor.""",
        """The regions have agreed a common minimum of support for steering-group members they employ:

- The region's administration and the hospitals are there to help, for example with how the region is organised, contacts to other hospitals and secretariat support for cross-cutting efforts.
- Your workplace makes sure you can do the group work as part of your job. Chairs (and other members where agreed) can be bought out with money from the common RKKP pool.
- The region helps you use its management information system (LIS) to find and understand data from the clinical quality databases.
- The management of your hospital and department backs your work in the steering group.

Your region may have added more below.""",
    ),
    "member_expectations": (
        "Det forventes af dig som medlem ansat i en region",
        "What is expected of you as a member employed in a region",
        """Styregrupperne sammensættes, så alle fem regioner er med. Som medlem ansat i en region er du bindeleddet mellem din region og styregruppen. Regionerne forventer, at du:

- bidrager til at forbedre kvaliteten inden for databasens område i din egen region,
- giver styregruppen viden om regionens organisering og strategier på området,
- tager spørgsmål og forslag fra det kliniske miljø i regionen med ind i styregruppen og melder tilbage igen,
- drøfter resultater, standarder og registreringspraksis med hospitals-, regions- og afdelingsledelser og med klinikerne,
- deler din viden om databasen og styregruppens arbejde i regionens faglige miljø, fx ved faglige arrangementer.""",
        """The steering groups are composed so that all five regions take part. As a member employed in a region you link your region and the group. The regions expect you to:

- help improve quality within the database's area in your own region,
- give the group knowledge of the region's organisation and strategies in the area,
- bring questions and proposals from the region's clinical community into the group, and report back,
- discuss results, standards and registration practice with hospital, regional and department management and with clinicians,
- share your knowledge of the database and the group's work in the region's professional community, for example at professional events.""",
    ),
    "leadership_expectations": (
        "Det forventes af dig som ledelsesrepræsentant",
        "What is expected of you as a leadership representative",
        """Som ledelsesrepræsentant er du udpeget af regionssundhedsdirektørkredsen og deltager på lige fod med styregruppens øvrige medlemmer. Det forventes, at du:

- deltager i styregruppens to årlige heldagsmøder, så der er kontinuitet,
- er med til at sikre, at styregruppens arbejde hænger sammen med sundhedsvæsenets overordnede strategier,
- bidrager med en samlet vurdering af databasens indhold, så beslutningerne giver meningsfulde og bæredygtige databaser,
- hjælper med at omsætte databasens viden til fælles læring,
- bringer iagttagelser fra databasen videre til regionale og tværregionale ledelsesfora, og tager disse foras ønsker og bekymringer med tilbage til styregruppen.

Konferencen Klinisk Kvalitet har hvert år et særligt spor for ledelsesrepræsentanter.""",
        """As a leadership representative you are appointed by the circle of regional health directors and take part on equal terms with the group's other members. You are expected to:

- attend the group's two annual full-day meetings, so that there is continuity,
- help align the group's work with the health service's overall strategies,
- give an overall assessment of the database's content, so that decisions lead to meaningful, sustainable databases,
- help turn the database's knowledge into shared learning,
- carry observations from the database into regional and cross-regional management forums, and bring those forums' concerns back to the group.

The annual conference Klinisk Kvalitet has a session for leadership representatives.""",
    ),
    "chair_duties": (
        "Som formand",
        "As chair",
        """Formanden leder styregruppens arbejde sammen med RKKP's kontaktperson: planlægger møderne, sikrer at indikatorer og standarder bliver drøftet og besluttet, og står for den kliniske kommentering af årsrapporten. Formænd udpeges for fire år ad gangen, og antallet af sammenhængende perioder er begrænset. Frikøb af formanden kan finansieres af RKKP-puljen.""",
        """The chair leads the group's work together with RKKP's contact person: plans the meetings, makes sure indicators and standards are discussed and decided, and is responsible for the clinical commentary of the annual report. Chairs are appointed for four years at a time, and the number of consecutive periods is limited. Buying out the chair's time can be funded by the RKKP pool.""",
    ),
    "patient_representatives": (
        "Som patient- eller pårørenderepræsentant",
        "As a patient or relative representative",
        """Du bidrager med patienters og pårørendes perspektiv på kvaliteten. Du får dækket transport og modtager mødediæt for møderne. Vi viser kun dit navn offentligt, hvis du har givet samtykke til det.""",
        """You bring the perspective of patients and relatives to the work on quality. Your transport is refunded and you receive a meeting allowance. Your name is only shown publicly if you have given your consent.""",
    ),
}


def seed(apps, schema_editor):
    StandardText = apps.get_model("steering", "StandardText")
    for key, (title_da, title_en, body_da, body_en) in TEXTS.items():
        StandardText.objects.get_or_create(
            key=key,
            defaults={
                "title_da": title_da,
                "title_en": title_en,
                "body_da": body_da,
                "body_en": body_en,
            },
        )


def unseed(apps, schema_editor):
    apps.get_model("steering", "StandardText").objects.filter(key__in=list(TEXTS)).delete()


class Migration(migrations.Migration):
    dependencies = [("steering", "0003_add_standard_texts")]

    operations = [migrations.RunPython(seed, unseed)]
