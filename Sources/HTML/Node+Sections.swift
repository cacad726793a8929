// Block, list and table containers; each takes an array of children.
extension Node {
    /// A generic block (`<div>`).
    public static func div(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("div", className, id, attributes, children)
    }

    /// A navigation section (`<nav>`).
    public static func nav(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("nav", className, id, attributes, children)
    }

    /// The page's main content (`<main>`).
    public static func main(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("main", className, id, attributes, children)
    }

    /// A header (`<header>`).
    public static func header(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("header", className, id, attributes, children)
    }

    /// A footer (`<footer>`).
    public static func footer(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("footer", className, id, attributes, children)
    }

    /// A section (`<section>`).
    public static func section(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("section", className, id, attributes, children)
    }

    /// A self-contained article (`<article>`).
    public static func article(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("article", className, id, attributes, children)
    }

    /// A sidebar (`<aside>`).
    public static func aside(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("aside", className, id, attributes, children)
    }

    /// An unordered list (`<ul>`).
    public static func ul(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("ul", className, id, attributes, children)
    }

    /// An ordered list (`<ol>`).
    public static func ol(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("ol", className, id, attributes, children)
    }

    /// A description list (`<dl>`).
    public static func dl(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("dl", className, id, attributes, children)
    }

    /// A table (`<table>`).
    public static func table(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("table", className, id, attributes, children)
    }

    /// A table head (`<thead>`).
    public static func thead(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("thead", className, id, attributes, children)
    }

    /// A table body (`<tbody>`).
    public static func tbody(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("tbody", className, id, attributes, children)
    }

    /// A table foot (`<tfoot>`).
    public static func tfoot(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("tfoot", className, id, attributes, children)
    }

    /// A table row (`<tr>`).
    public static func tr(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("tr", className, id, attributes, children)
    }

    /// A group of form controls (`<fieldset>`).
    public static func fieldset(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("fieldset", className, id, attributes, children)
    }

    /// The document body (`<body>`).
    public static func body(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("body", className, id, attributes, children)
    }

    /// The document head (`<head>`).
    public static func head(class className: String? = nil, id: String? = nil, attributes: [Attribute] = [], _ children: [Node] = []) -> Node {
        container("head", className, id, attributes, children)
    }
}
