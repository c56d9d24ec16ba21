"""The regions' own texts for the demo: welcome-letter supplements and support contacts."""

LETTER_SUPPLEMENTS = {
    "hovedstaden": """\
Velkommen som styregruppemedlem fra Region Hovedstaden. Vi er glade for, at du vil bruge \
din viden og tid på at gøre en landsdækkende database bedre – og på at bringe resultaterne \
i spil på vores hospitaler.

Center for Sundhed er dit faste indgangspunkt til regionen. Her kan du få hjælp til at \
finde de rette personer på de øvrige hospitaler, få overblik over regionens planer på dit \
område og få sekretariatsbistand, hvis styregruppen sætter et tværgående arbejde i gang.

Regionens ledelsesinformation giver dig adgang til databasens tal opdelt på hospitaler og \
afdelinger. Vores analytikere viser dig gerne, hvordan du finder og læser dem, før du \
fremlægger resultater for kolleger eller ledelse.

Vi inviterer en gang om året alle styregruppemedlemmer fra regionen til et netværksmøde, \
hvor vi drøfter årsrapporterne og deler erfaringer med forbedringsarbejde.""",
    "sjaelland": """\
Kære styregruppemedlem. Region Sjælland sætter stor pris på, at du repræsenterer regionen \
i en af de faglige styregrupper.

Kvalitet og Udvikling hjælper dig med kontakter på tværs af regionens sygehuse og med at \
koordinere, når en indikator kræver opfølgning flere steder i regionen. Vi sørger også for, \
at din afdelingsledelse kender til opgaven, så den kan indgå i din arbejdstid.

Har du brug for hjælp til at trække og tolke data fra regionens ledelsesinformationssystem, \
kan du booke en gennemgang med en af vores datakonsulenter. Vi anbefaler, at du gør det \
før styregruppens arbejde med årsrapporten.""",
    "syddanmark": """\
Velkommen til styregruppearbejdet. Som medlem ansat i Region Syddanmark er du bindeleddet \
mellem styregruppen og de kliniske miljøer på regionens sygehuse.

Kvalitet og Forskning er din indgang til regionen. Vi kan formidle kontakt til ledelser og \
fagmiljøer på alle fire sygehuse, og vi hjælper gerne med at planlægge et oplæg, hvis du vil \
fortælle kolleger om databasens resultater.

Regionen har samlet vejledninger og kurser i brugen af ledelsesinformationssystemet på \
intranettet. Skriv til os, hvis du ønsker personlig vejledning i at finde data for din \
database.

Frikøb af formænd finansieres via RKKP-puljen; vi hjælper med ansøgning og aftale med dit \
sygehus.""",
    "midtjylland": """\
Tak fordi du har sagt ja til at sidde i en faglig styregruppe. Region Midtjylland bruger \
de kliniske kvalitetsdatabaser aktivt i styringen af hospitalerne, og dit bidrag er en vigtig \
del af det.

Kvalitet og Udvikling står til rådighed med generel bistand: viden om regionens \
organisering, kontakt til de andre hospitaler og hjælp til sekretariatsopgaver ved særlige \
indsatser på tværs af hospitalerne.

Vi tilbyder vejledning i regionens ledelsesinformation, så du kan se resultaterne for dit \
eget hospital og sammenligne med resten af landet. Kontakt os gerne, hvis du vil drøfte, \
hvordan resultaterne kan bringes videre til hospitalsledelserne.""",
    "nordjylland": """\
Velkommen i styregruppen. Region Nordjylland er en lille region med korte afstande, og vi \
vil gerne hjælpe dig med at bruge dem.

Kvalitet og Sammenhæng kan sætte dig i forbindelse med de relevante ledelser og fagpersoner \
på Aalborg Universitetshospital, Regionshospital Nordjylland og i psykiatrien. Vi hjælper \
også med praktiske opgaver, når styregruppen arbejder med forbedringer, der går på tværs \
af hospitalerne.

Få vejledning i regionens ledelsesinformationssystem ved at skrive til LIS-supporten; \
de kan vise dig, hvordan databasens indikatorer ser ud for regionens afdelinger.""",
}

# (kind, name, e-mail local part, description) for every region; the domain is the region's.
SUPPORT_CONTACTS = (
    (
        "general",
        "Sekretariatet for kliniske kvalitetsdatabaser",
        "kvalitetsdatabaser",
        "Første indgang for styregruppemedlemmer: spørgsmål om opgaven, praktisk hjælp og "
        "videreformidling til den rette person.",
    ),
    (
        "organisation",
        "Hospitalssamarbejde og regional organisering",
        "hospitalssamarbejde",
        "Viden om hvordan regionen er organiseret på databasens område og kontakt til "
        "ledelser og fagmiljøer på de andre hospitaler.",
    ),
    (
        "secretariat",
        "Sekretariatsstøtte til tværgående indsatser",
        "tvaergaaende-indsatser",
        "Hjælp med mødeplanlægning, referater og koordinering, når styregruppen sætter et "
        "forbedringsarbejde i gang på flere hospitaler.",
    ),
    (
        "lis",
        "LIS-support",
        "lis-support",
        "Vejledning i at finde og tolke databasens data i regionens ledelsesinformationssystem.",
    ),
)
