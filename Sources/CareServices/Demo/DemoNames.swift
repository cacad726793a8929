/// Word lists for the synthetic demo population (common US names; no real people).
enum DemoNames {
    static let femaleGiven = ["Mary", "Patricia", "Linda", "Barbara", "Elizabeth", "Maria", "Rosa", "Guadalupe", "Mei", "Aisha",
                              "Fatima", "Ngozi", "Olga", "Irina", "Hoa", "Thi", "Carmen", "Dolores", "Gloria", "Evelyn",
                              "Dorothy", "Ruth", "Shirley", "Jean", "Yolanda", "Keisha", "Tamika", "Ana", "Lucía", "Zoë"]
    static let maleGiven = ["James", "Robert", "John", "Michael", "William", "David", "José", "Luis", "Wei", "Mohammed",
                            "Ahmed", "Chukwuma", "Dmitri", "Sergei", "Minh", "Tuan", "Carlos", "Jesús", "Walter", "Harold",
                            "Eugene", "Ralph", "Earl", "Curtis", "DeShawn", "Terrence", "Andre", "Miguel", "Rafael", "Kofi"]
    static let family = ["Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Rodriguez", "Martinez", "Hernandez", "Lopez",
                         "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin", "Lee", "Perez",
                         "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker", "Young",
                         "Nguyen", "Tran", "Pham", "Chen", "Wang", "Okafor", "Adeyemi", "Mensah", "Ivanova", "Petrov",
                         "O'Brien", "Sullivan", "Murphy", "Kelly", "Santos", "Oliveira", "Pereira", "Cohen", "Haddad", "Khan"]
    static let languages = ["English", "Spanish", "Vietnamese", "Haitian Creole", "Portuguese", "Chinese (Cantonese)", "Russian", "Arabic"]
    static let streets = ["Elm Street", "Maple Avenue", "Washington Street", "Centre Street", "Blue Hill Avenue", "Dorchester Avenue",
                          "Hyde Park Avenue", "Columbus Avenue", "Tremont Street", "River Street"]
    static let cities: [(String, String)] = [("Boston", "02119"), ("Dorchester", "02124"), ("Roxbury", "02120"), ("Mattapan", "02126"),
                                             ("Chelsea", "02150"), ("Lynn", "01902"), ("Quincy", "02169"), ("Brockton", "02301")]
    static let priorities = [
        "Stay in my own home and keep my garden.",
        "Be able to walk to church on Sundays.",
        "Keep my sugar under control so I can see my grandchildren grow up.",
        "Stop ending up in the emergency room.",
        "Find a place to live that has an elevator.",
        "Get back to work part time.",
        "Have enough food at the end of the month.",
        "Understand my medicines and take them right.",
        "Breathe easier when I climb the stairs.",
        "Get a ride to my dialysis appointments without missing any.",
    ]
}
