"""Names for the demo children: the mix of families a CME team in a port
city meets (UK-born, South Asian, Eastern European, Somali, Arab, West
African, Caribbean, Chinese and Vietnamese, Irish Traveller, Portuguese,
Turkish and Kurdish), with the spellings that reach officers differently.

Each group: (girls' names, boys' names, family names, first language,
ethnicity). Invented people; any likeness to a real child is chance.
"""

GROUPS = [
    (
        ["Olivia", "Amelia", "Isla", "Ava", "Mia", "Ivy", "Lily", "Grace", "Freya", "Poppy", "Evie", "Ruby"],
        ["Oliver", "George", "Harry", "Jack", "Noah", "Leo", "Arthur", "Charlie", "Freddie", "Alfie", "Theo", "Jacob"],
        ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Davies", "Robinson", "Wright", "Thompson",
         "Evans", "Walker", "Hughes", "Edwards", "Turner", "Cooper", "Harris", "Clarke", "Smith-Jones"],
        "English", "White British",
    ),
    (
        ["Aisha", "Fatima", "Priya", "Ananya", "Zara", "Maryam", "Amira", "Inaya", "Simran", "Hafsa"],
        ["Muhammad", "Aarav", "Arjun", "Rohan", "Ibrahim", "Yusuf", "Zain", "Hamza", "Ayaan", "Harjit"],
        ["Khan", "Ahmed", "Patel", "Hussain", "Ali", "Begum", "Shah", "Rahman", "Iqbal", "Singh", "Kaur", "Chowdhury"],
        "Urdu", "Asian or Asian British – Pakistani",
    ),
    (
        ["Zuzanna", "Julia", "Maja", "Hanna", "Oliwia", "Natalia", "Ioana", "Maria", "Emilija", "Alina"],
        ["Jakub", "Kacper", "Szymon", "Filip", "Mateusz", "Aleksander", "Andrei", "Darius", "Lukas", "Ionuț"],
        ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kamiński", "Lewandowski", "Popescu", "Ionescu",
         "Dumitru", "Kazlauskas", "Zielińska"],
        "Polish", "White – other European",
    ),
    (
        ["Hodan", "Sahra", "Ifrah", "Hibo", "Amran", "Nasteho"],
        ["Abdi", "Mohamed", "Hassan", "Abdirahman", "Mustafe", "Liban"],
        ["Warsame", "Abdullahi", "Farah", "Osman", "Mohamud", "Jama", "Egal"],
        "Somali", "Black or Black British – African",
    ),
    (
        ["Layla", "Noor", "Mariam", "Sara", "Rania", "Yasmin"],
        ["Omar", "Yousef", "Ahmad", "Karim", "Khaled", "Tariq"],
        ["Al-Sayed", "Haddad", "Nasser", "Mansour", "Abboud", "Al-Khatib"],
        "Arabic", "Arab",
    ),
    (
        ["Adaeze", "Chiamaka", "Abena", "Folake", "Temitope", "Ama"],
        ["Chidi", "Tunde", "Kwame", "Emeka", "Kofi", "Oluwaseun"],
        ["Okafor", "Adeyemi", "Mensah", "Okonkwo", "Boateng", "Oyelaran", "Asante"],
        "English", "Black or Black British – African",
    ),
    (
        ["Aaliyah", "Shanice", "Keisha", "Jada"],
        ["Jayden", "Tyrese", "Malachi", "Reuben"],
        ["Campbell", "Francis", "Grant", "Morgan", "Gayle"],
        "English", "Black or Black British – Caribbean",
    ),
    (
        ["Mei", "Lin", "Anh", "Linh", "Xinyi"],
        ["Wei", "Jun", "Minh", "Bao", "Hao"],
        ["Chen", "Wang", "Nguyen", "Tran", "Li", "Pham"],
        "Cantonese", "Asian or Asian British – Chinese",
    ),
    (
        ["Bridget", "Margaret", "Kathleen", "Mary-Ann", "Siobhán"],
        ["Patrick", "John-Joe", "Michael", "Martin", "Christy"],
        ["McDonagh", "Ward", "Doherty", "Connors", "Maughan", "Joyce", "O'Brien"],
        "English", "White – Gypsy or Irish Traveller",
    ),
    (
        ["Beatriz", "Inês", "Leonor", "Matilde", "Zoë"],
        ["Tiago", "Diogo", "Rodrigo", "Duarte", "Gonçalo"],
        ["Silva", "Santos", "Ferreira", "Pereira", "Costa"],
        "Portuguese", "White – other",
    ),
    (
        ["Elif", "Zeynep", "Ayşe", "Rojda", "Defne"],
        ["Emre", "Yusuf", "Berat", "Baran", "Mert"],
        ["Yilmaz", "Demir", "Kaya", "Çelik", "Aydın"],
        "Turkish", "White – other",
    ),
]

#: How the same name reaches us spelt another way: kept on the record as an alias.
ALIASES = {
    "Muhammad": "Mohammed", "Mohamed": "Mohammad", "Aisha": "Ayesha", "Aleksander": "Alexander",
    "Yousef": "Yusuf", "Hodan": "Hoodo", "Siobhán": "Shivaun", "Zoë": "Zoe", "Ionuț": "Ionut",
    "Mariam": "Maryam", "Abdirahman": "Abdi", "Oluwaseun": "Seun", "Temitope": "Tope",
    "Mateusz": "Matthew", "Kacper": "Casper",
}

PARENT_FIRST_NAMES = {
    "F": ["Sarah", "Emma", "Nadia", "Agnieszka", "Fatuma", "Hana", "Ngozi", "Donna", "Lan", "Mary", "Ana"],
    "M": ["David", "Imran", "Piotr", "Abdullahi", "Walid", "Femi", "Delroy", "Minh", "Patrick", "João"],
}

STREETS = [
    "Shirley High Street", "Winchester Road", "Portswood Road", "Bitterne Road West", "Millbrook Road East",
    "Paynes Road", "Bevois Valley Road", "Northam Road", "Weston Lane", "Woolston Road", "Derby Road",
    "Cranbury Avenue", "Howard Road", "Waterloo Road", "Romsey Road",
]
DISTRICTS = [("Shirley", "SO15"), ("Portswood", "SO17"), ("Bitterne", "SO18"), ("Woolston", "SO19"),
             ("Millbrook", "SO16"), ("St Mary's", "SO14")]
MOVED_TO = ["Birmingham", "Leicester", "Bristol", "Poland", "Romania", "Portugal", "Somalia", "London Borough of Newham",
            "Hampshire", "Portsmouth", "Pakistan", "Ireland"]
