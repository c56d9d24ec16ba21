"""Static Danish data for the demo: organisations, names and titles.

The hospitals, societies and patient organisations are real names (public facts); the
people are made up from common Danish names and work at ``.example`` addresses.
"""

from dataclasses import dataclass

REGION_CODES = ("hovedstaden", "sjaelland", "syddanmark", "midtjylland", "nordjylland")

# Work e-mail domains, shaped like the regions' own but under .example.
REGION_DOMAINS = {
    "hovedstaden": "regionh.example",
    "sjaelland": "regionsjaelland.example",
    "syddanmark": "rsyd.example",
    "midtjylland": "rm.example",
    "nordjylland": "rn.example",
}
PRIVATE_DOMAIN = "mail.example"
RKKP_DOMAIN = "rkkp.example"

RKKP_NAME = "Regionernes Kliniske Kvalitetsudviklingsprogram"

REGIONAL_ADMINISTRATIONS = {
    "hovedstaden": "Center for Sundhed, Region Hovedstaden",
    "sjaelland": "Kvalitet og Udvikling, Region Sjælland",
    "syddanmark": "Kvalitet og Forskning, Region Syddanmark",
    "midtjylland": "Kvalitet og Udvikling, Region Midtjylland",
    "nordjylland": "Kvalitet og Sammenhæng, Region Nordjylland",
}

# Region -> (municipality, its e-mail domain).
MUNICIPALITIES = {
    "hovedstaden": ("Københavns Kommune", "kk.example"),
    "sjaelland": ("Roskilde Kommune", "roskilde.example"),
    "syddanmark": ("Odense Kommune", "odense.example"),
    "midtjylland": ("Aarhus Kommune", "aarhus.example"),
    "nordjylland": ("Aalborg Kommune", "aalborg.example"),
}

# The RKKP staff who serve the groups: (first name, last name) by task.
RKKP_TEAM = {
    "contact_person": (
        ("Karina", "Lauridsen"),
        ("Mads", "Ebbesen"),
        ("Trine", "Overgaard"),
        ("Anders", "Nørgaard"),
        ("Signe", "Damgaard"),
        ("Rasmus", "Kjeldsen"),
    ),
    "epidemiologist": (
        ("Ida", "Thygesen"),
        ("Christian", "Fischer"),
        ("Louise", "Hougaard"),
        ("Peter", "Juhl"),
        ("Nanna", "Gade"),
    ),
    "data_manager": (
        ("Morten", "Brandt"),
        ("Julie", "Krogh"),
        ("Henrik", "Lassen"),
        ("Camilla", "Bech"),
    ),
}

# The demo logins that are not members: (first name, last name).
SECRETARIAT_LOGIN = ("Hanne", "Winther")
ADMINISTRATOR_LOGINS = {
    "hovedstaden": ("Marianne", "Holst"),
    "sjaelland": ("Steen", "Kristiansen"),
    "syddanmark": ("Birgitte", "Clausen"),
    "midtjylland": ("Kasper", "Simonsen"),
    "nordjylland": ("Lene", "Iversen"),
}
CIRCLE_LOGIN = ("Poul", "Mogensen", "midtjylland", "Sundhedsdirektør")


@dataclass(frozen=True)
class Hospital:
    name: str
    short_name: str
    region: str
    tier: str  # "university", "regional" or "psychiatry"


def _hospitals(table: str) -> tuple[Hospital, ...]:
    rows = (line.split("|") for line in table.strip().splitlines())
    return tuple(Hospital(*(cell.strip() for cell in row)) for row in rows)


HOSPITALS = _hospitals(
    """
    Rigshospitalet                          | RH   | hovedstaden | university
    Herlev og Gentofte Hospital             | HGH  | hovedstaden | regional
    Bispebjerg og Frederiksberg Hospital    | BFH  | hovedstaden | regional
    Amager og Hvidovre Hospital             | AHH  | hovedstaden | regional
    Nordsjællands Hospital                  | NOH  | hovedstaden | regional
    Bornholms Hospital                      | BOH  | hovedstaden | regional
    Region Hovedstadens Psykiatri           | RHP  | hovedstaden | psychiatry
    Sjællands Universitetshospital          | SUH  | sjaelland   | university
    Holbæk Sygehus                          | HOS  | sjaelland   | regional
    Nykøbing F. Sygehus                     | NFS  | sjaelland   | regional
    Næstved, Slagelse og Ringsted Sygehuse  | NSR  | sjaelland   | regional
    Psykiatrien Region Sjælland             | PRS  | sjaelland   | psychiatry
    Odense Universitetshospital             | OUH  | syddanmark  | university
    Sygehus Lillebælt                       | SLB  | syddanmark  | regional
    Sydvestjysk Sygehus                     | SVS  | syddanmark  | regional
    Sygehus Sønderjylland                   | SHS  | syddanmark  | regional
    Psykiatrien i Region Syddanmark         | PRSD | syddanmark  | psychiatry
    Aarhus Universitetshospital             | AUH  | midtjylland | university
    Regionshospitalet Gødstrup              | RHG  | midtjylland | regional
    Regionshospitalet Randers               | RRA  | midtjylland | regional
    Hospitalsenheden Horsens                | HEH  | midtjylland | regional
    Hospitalsenhed Midt                     | HEM  | midtjylland | regional
    Aarhus Universitetshospital Psykiatri   | AUHP | midtjylland | psychiatry
    Aalborg Universitetshospital            | AAUH | nordjylland | university
    Regionshospital Nordjylland             | RHN  | nordjylland | regional
    Psykiatrien i Region Nordjylland        | PRN  | nordjylland | psychiatry
    """
)

# Specialty code -> (department name, which hospitals have one).
# "any": every somatic hospital; "university": the region's university hospital only.
SPECIALTIES = {
    "onko": ("Onkologisk Afdeling", "any"),
    "kir": ("Kirurgisk Afdeling", "any"),
    "mamma": ("Brystkirurgisk Afdeling", "any"),
    "kard": ("Hjertemedicinsk Afdeling", "any"),
    "thorax": ("Hjerte-, Lunge- og Karkirurgisk Afdeling", "university"),
    "kar": ("Karkirurgisk Afdeling", "university"),
    "neuro": ("Neurologisk Afdeling", "any"),
    "nkir": ("Neurokirurgisk Afdeling", "university"),
    "orto": ("Ortopædkirurgisk Afdeling", "any"),
    "anae": ("Anæstesiologisk Afdeling", "any"),
    "intens": ("Intensiv Afdeling", "any"),
    "gyn": ("Gynækologisk-Obstetrisk Afdeling", "any"),
    "paed": ("Børne- og Ungeafdelingen", "any"),
    "neo": ("Neonatalafdelingen", "university"),
    "endo": ("Endokrinologisk Afdeling", "any"),
    "haem": ("Hæmatologisk Afdeling", "any"),
    "uro": ("Urologisk Afdeling", "any"),
    "lunge": ("Lungemedicinsk Afdeling", "any"),
    "nefro": ("Nyremedicinsk Afdeling", "any"),
    "reuma": ("Reumatologisk Afdeling", "any"),
    "geri": ("Geriatrisk Afdeling", "any"),
    "akut": ("Akutafdelingen", "any"),
    "praehosp": ("Præhospital Enhed", "university"),
    "pall": ("Palliativ Enhed", "any"),
    "pato": ("Patologisk Afdeling", "any"),
    "radio": ("Radiologisk Afdeling", "any"),
    "plastik": ("Plastikkirurgisk Afdeling", "university"),
    "oenh": ("Øre-Næse-Halskirurgisk Afdeling", "university"),
    "derm": ("Dermatologisk Afdeling", "university"),
    "oeje": ("Øjenafdelingen", "any"),
    "gastro": ("Medicinsk Gastroenterologisk Afdeling", "any"),
    "infek": ("Infektionsmedicinsk Afdeling", "university"),
    "immun": ("Klinisk Immunologisk Afdeling", "university"),
    "hukom": ("Hukommelsesklinikken", "any"),
    "rehab": ("Afdeling for Neurorehabilitering", "any"),
    "psykdep": ("Afdeling for Depression og Angst", "psychiatry"),
    "psykose": ("Psykoseafdelingen", "psychiatry"),
    "bupsyk": ("Børne- og Ungdomspsykiatrisk Afdeling", "psychiatry"),
}

# Code -> (name, short name).
SOCIETIES = {
    "dsko": ("Dansk Selskab for Klinisk Onkologi", "DSKO"),
    "dks": ("Dansk Kirurgisk Selskab", "DKS"),
    "dcs": ("Dansk Cardiologisk Selskab", "DCS"),
    "dns": ("Dansk Neurologisk Selskab", "DNS"),
    "dasaim": ("Dansk Selskab for Anæstesiologi og Intensiv Medicin", "DASAIM"),
    "dos": ("Dansk Ortopædisk Selskab", "DOS"),
    "dsog": ("Dansk Selskab for Obstetrik og Gynækologi", "DSOG"),
    "dpaeds": ("Dansk Pædiatrisk Selskab", "DPS"),
    "dpsys": ("Dansk Psykiatrisk Selskab", "DPsyS"),
    "des": ("Dansk Endokrinologisk Selskab", "DES"),
    "dsam": ("Dansk Selskab for Almen Medicin", "DSAM"),
    "dhs": ("Dansk Hæmatologisk Selskab", "DHS"),
    "dus": ("Dansk Urologisk Selskab", "DUS"),
    "dls": ("Dansk Lungemedicinsk Selskab", "DLS"),
    "dnefs": ("Dansk Nefrologisk Selskab", "DNefS"),
    "drs": ("Dansk Reumatologisk Selskab", "DRS"),
    "dspac": ("Dansk Selskab for Patologi og Cytologi", "DSPAC"),
    "drads": ("Dansk Radiologisk Selskab", "DRadS"),
    "dsgh": ("Dansk Selskab for Gastroenterologi og Hepatologi", "DSGH"),
    "dts": ("Dansk Thoraxkirurgisk Selskab", "DTS"),
    "dkks": ("Dansk Karkirurgisk Selskab", "DKKS"),
    "dsg": ("Dansk Selskab for Geriatri", "DSG"),
    "dasem": ("Dansk Selskab for Akutmedicin", "DASEM"),
    "dnks": ("Dansk Neurokirurgisk Selskab", "DNKS"),
    "dspr": ("Dansk Selskab for Plastik- og Rekonstruktionskirurgi", "DSPR"),
    "dsohh": ("Dansk Selskab for Otolaryngologi – Hoved- og Halskirurgi", "DSOHH"),
    "doftas": ("Dansk Oftalmologisk Selskab", "DOftS"),
    "dsi": ("Dansk Selskab for Infektionsmedicin", "DSI"),
    "dski": ("Dansk Selskab for Klinisk Immunologi", "DSKI"),
    "dspam": ("Dansk Selskab for Palliativ Medicin", "DSPaM"),
    "dds": ("Dansk Dermatologisk Selskab", "DDS"),
    "dasys": ("Dansk Sygepleje Selskab", "DASYS"),
    "dsf": ("Dansk Selskab for Fysioterapi", "DSF"),
    "djm": ("Jordemoderforeningen", "DJM"),
    "dpf": ("Dansk Psykolog Forening", "DP"),
}

PATIENT_ORGANISATIONS = {
    "kb": ("Kræftens Bekæmpelse", "KB"),
    "hf": ("Hjerteforeningen", ""),
    "df": ("Diabetesforeningen", ""),
    "dp": ("Danske Patienter", ""),
    "hs": ("Hjernesagen", ""),
    "gf": ("Gigtforeningen", ""),
    "lf": ("Lungeforeningen", ""),
    "sf": ("Scleroseforeningen", ""),
    "sind": ("SIND – Landsforeningen for psykisk sundhed", "SIND"),
    "bp": ("Bedre Psykiatri", ""),
    "adhd": ("ADHD-foreningen", ""),
    "alz": ("Alzheimerforeningen", ""),
    "nf": ("Nyreforeningen", ""),
    "bkf": ("Blodkræftforeningen", ""),
    "fof": ("Forældre og Fødsel", ""),
    "hiv": ("Hiv-Danmark", ""),
    "lev": ("Leverforeningen", ""),
    "ccf": ("Colitis-Crohn Foreningen", "CCF"),
    "ost": ("Osteoporoseforeningen", ""),
    "epi": ("Epilepsiforeningen", ""),
    "hoer": ("Høreforeningen", ""),
    "oeje": ("Øjenforeningen", ""),
}


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FEMALE_NAMES = _words(
    """
    Anne Mette Hanne Susanne Lene Marianne Camilla Louise Charlotte Maria Tina Pia Helle
    Bente Karen Kirsten Lone Birgitte Line Julie Signe Sofie Ida Katrine Stine Trine Mia
    Cecilie Maja Rikke Malene Dorthe Inge Lise Jette Gitte Ulla Britt Henriette Christina
    Eva Nanna Rebekka Astrid Karoline Sanne Tine Ditte Amira Yasmin Sara Marie Anja Heidi
"""
)

MALE_NAMES = _words(
    """
    Peter Jens Lars Henrik Søren Thomas Michael Niels Jan Morten Martin Anders Christian
    Rasmus Mads Jesper Jakob Kasper Mikkel Steen Ole Poul Torben Kim Klaus Frank Carsten
    Bo Erik Per Jørgen Flemming Allan Kristian Simon Frederik Jonas Emil Tobias Nikolaj
    Troels Bjarne Kristoffer Claus Asger Esben Ulrik Ali Omar Daniel Hans Kenneth René
"""
)

LAST_NAMES = _words(
    """
    Jensen Nielsen Hansen Pedersen Andersen Christensen Larsen Sørensen Rasmussen Jørgensen
    Petersen Madsen Kristensen Olsen Thomsen Christiansen Poulsen Johansen Møller Mortensen
    Knudsen Jakobsen Mikkelsen Olesen Frederiksen Laursen Henriksen Lund Holm Schmidt
    Eriksen Kristiansen Clausen Simonsen Svendsen Andreasen Iversen Jeppesen Vestergaard
    Mogensen Nissen Lauridsen Kjær Bach Dahl Skov Berg Carlsen Dam Lind Winther Bruun
    Østergaard Friis Ravn Thygesen Kjeldsen Lassen Brandt Bech Holst Krogh Juhl Fischer
    Hougaard Nørgaard Ebbesen Bjerre Damgaard Overgaard Gade Ahmadi Yilmaz Nguyen Hussain
"""
)

# Surnames often carried as a middle name ("Mette Kjær Nielsen").
MIDDLE_NAMES = _words("Kjær Lund Holm Skov Bach Dahl Berg Dam Lind Ravn Krogh Friis Juhl Bruun")

# Profession -> titles for an ordinary member, and for one with department leadership.
TITLES = {
    "physician": (
        (
            "Overlæge",
            "Overlæge, ph.d.",
            "Overlæge, klinisk lektor",
            "Afdelingslæge, ph.d.",
            "Klinisk professor, overlæge",
            "Overlæge, lektor, ph.d.",
        ),
        ("Ledende overlæge", "Ledende overlæge, ph.d."),
    ),
    "nurse": (
        (
            "Sygeplejerske",
            "Klinisk sygeplejespecialist",
            "Udviklingssygeplejerske, MKS",
            "Sygeplejerske, ph.d.",
        ),
        ("Afdelingssygeplejerske", "Oversygeplejerske"),
    ),
    "physiotherapist": (("Fysioterapeut", "Fysioterapeut, ph.d."), ("Terapeutleder",)),
    "occupational_therapist": (("Ergoterapeut", "Ergoterapeut, MSc"), ("Terapeutleder",)),
    "midwife": (("Jordemoder", "Udviklingsjordemoder, MSc"), ("Ledende jordemoder",)),
    "psychologist": (("Psykolog", "Specialpsykolog, ph.d."), ("Ledende psykolog",)),
    "dietitian": (("Klinisk diætist",), ("Ledende klinisk diætist",)),
    "biomedical_scientist": (
        ("Bioanalytiker", "Bioanalytikerunderviser"),
        ("Ledende bioanalytiker",),
    ),
    "radiographer": (("Radiograf", "Specialradiograf"), ("Ledende radiograf",)),
    "other_health": (("Audiologiassistent", "Sundhedsfaglig konsulent"), ("Faglig leder",)),
}
CHAIR_TITLES = (
    "Professor, overlæge, dr.med.",
    "Klinisk professor, overlæge, ph.d.",
    "Overlæge, ph.d.",
    "Overlæge, klinisk lektor, ph.d.",
    "Ledende overlæge, ph.d.",
)
# (title, profession, leadership level) for leaders at director or vice-director level.
LEADER_TITLES = (
    ("Vicedirektør", "physician", "vice_director"),
    ("Vicedirektør", "nurse", "vice_director"),
    ("Lægefaglig vicedirektør", "physician", "vice_director"),
    ("Sygeplejefaglig vicedirektør", "nurse", "vice_director"),
    ("Hospitalsdirektør", "physician", "director"),
    ("Lægefaglig direktør", "physician", "director"),
    ("Sygeplejefaglig direktør", "nurse", "director"),
)
MUNICIPAL_TITLES = (
    ("Sundhedsfaglig konsulent", "nurse"),
    ("Sygeplejerske, kommunal akutfunktion", "nurse"),
    ("Fysioterapeut, genoptræningscenter", "physiotherapist"),
    ("Ergoterapeut, rehabiliteringsteam", "occupational_therapist"),
)
PATIENT_TITLES = ("Patientrepræsentant", "Pårørenderepræsentant")

LEAVE_REASONS = (
    "Fratrådt efter eget ønske.",
    "Har fået stilling i en anden region.",
    "Gået på pension.",
    "Har skiftet til en stilling i privat praksis.",
    "Udtrådt på grund af øget klinisk arbejdsbyrde.",
    "Orlov; pladsen er givet videre til en kollega fra samme region.",
)
CHAIR_LEFT = "Trådt tilbage som formand ved overgang til en ny stilling."
# Why a long-serving chair was re-appointed past the term limit (the secretariat's exception).
CHAIR_KEPT = "Genudpeget som undtagelse, indtil en ny formand er fundet."

MEETING_PLACES = (
    "RKKP, Olof Palmes Allé 15, 8200 Aarhus N",
    "Hotel Nyborg Strand, Østerøvej 2, 5800 Nyborg",
    "Comwell Kolding, Skovbrynet 1, 6000 Kolding",
    "Scandic Odense, Hvidkærvej 25, 5250 Odense SV",
    "Rigshospitalet, Blegdamsvej 9, 2100 København Ø – mødelokale 2",
    "Odense Universitetshospital, J.B. Winsløws Vej 4, 5000 Odense C",
)
FULL_DAY_AGENDA = """\
1. Velkomst og godkendelse af dagsorden
2. Nyt fra RKKP og kontaktpersonen
3. Gennemgang af indikatorresultater og standarder
4. Årsrapport: kliniske kommentarer og anbefalinger
5. Datagrundlag og registreringspraksis
6. Kvalitetsforbedring i regionerne – status fra medlemmerne
7. Eventuelt"""
ORDINARY_AGENDA = """\
1. Opfølgning fra sidste møde
2. Indikatorudvikling
3. Eventuelt"""
