/// The OpenAPI 3 description of the JSON API, served at `/api/openapi.json`.
enum OpenAPIDocument {
    static let json = #"""
    {
      "openapi": "3.0.3",
      "info": {"title": "Tend API", "version": "1.0.0",
               "description": "Care management patient registry. Authenticate with a bearer token from `tend token create`. Every read and write is audited; patients outside the caller's care teams answer 404."},
      "servers": [{"url": "/"}],
      "security": [{"bearerAuth": []}],
      "paths": {
        "/api/v1/patients": {
          "get": {
            "summary": "Search the caller's patients", "operationId": "searchPatients",
            "parameters": [
              {"name": "name", "in": "query", "schema": {"type": "string"}, "description": "Start of given, family or preferred name; several words must all match"},
              {"name": "birthDate", "in": "query", "schema": {"type": "string", "format": "date"}},
              {"name": "identifier", "in": "query", "schema": {"type": "string"}, "description": "Exact MRN, member id or other identifier value"},
              {"name": "phone", "in": "query", "schema": {"type": "string"}, "description": "Phone digits; matches the end of the stored number"},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 25}},
              {"name": "after", "in": "query", "schema": {"type": "string"}, "description": "Cursor from the previous page's `next`"}
            ],
            "responses": {
              "200": {"description": "A page of patients", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PatientPage"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          },
          "post": {
            "summary": "Create a patient", "operationId": "createPatient",
            "parameters": [{"name": "confirmNotDuplicate", "in": "query", "schema": {"type": "boolean"}, "description": "Create even when a likely duplicate exists"}],
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PatientInput"}}}},
            "responses": {
              "201": {"description": "Created", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Patient"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/risk/population": {
          "get": {
            "summary": "Risk tiers of the latest `tend risk run` and, for supervisors (organization) and care managers/CHWs (their care teams), the highest-risk or rising patients with why; analysts and administrators get aggregates only (no `patients`)", "operationId": "getRiskPopulation",
            "parameters": [
              {"name": "list", "in": "query", "schema": {"type": "string", "enum": ["top", "rising"], "default": "top"}, "description": "Highest scores, or the largest rises since the previous run (at least the run's rising delta)"},
              {"name": "tier", "in": "query", "schema": {"type": "string", "enum": ["high", "moderate", "low"]}},
              {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}},
              {"name": "after", "in": "query", "schema": {"type": "string"}, "description": "Cursor from the previous page's `next`"}
            ],
            "responses": {
              "200": {"description": "Run, tier counts, rising count and (per role) one page of patients: id, name, score, tier, delta, hccs, utilization, lace, reasons", "content": {"application/json": {"schema": {"type": "object"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
              "403": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/risk/patients/{id}": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
          "get": {
            "summary": "A patient's risk panel: latest score, tier, explanation (HCCs with their diagnosis codes, HCCs dropped by hierarchies, every term with its coefficient, utilization, LACE per discharge, notes) and history; audited as a chart read", "operationId": "getPatientRisk",
            "responses": {
              "200": {"description": "The panel", "content": {"application/json": {"schema": {"type": "object"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          }
        },
        "/api/v1/patients/{id}": {
          "parameters": [{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}],
          "get": {
            "summary": "Read a patient", "operationId": "getPatient",
            "responses": {
              "200": {"description": "The patient", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Patient"}}}},
              "401": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}
            }
          },
          "patch": {
            "summary": "Change some fields of a patient (absent fields stay)", "operationId": "updatePatient",
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PatientInput"}}}},
            "responses": {
              "200": {"description": "The updated patient", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Patient"}}}},
              "400": {"$ref": "#/components/responses/Error"}, "401": {"$ref": "#/components/responses/Error"},
              "404": {"$ref": "#/components/responses/Error"}, "409": {"$ref": "#/components/responses/Error"},
              "413": {"$ref": "#/components/responses/Error"}, "415": {"$ref": "#/components/responses/Error"},
              "422": {"$ref": "#/components/responses/Error"}
            }
          }
        }
      },
      "components": {
        "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        "responses": {
          "Error": {"description": "An error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
        },
        "schemas": {
          "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
            "code": {"type": "string", "example": "invalid_field"}, "message": {"type": "string"}, "field": {"type": "string", "example": "birthDate"}}}}},
          "Address": {"type": "object", "additionalProperties": false, "properties": {
            "line1": {"type": "string", "maxLength": 200}, "line2": {"type": "string", "maxLength": 200}, "city": {"type": "string", "maxLength": 200},
            "state": {"type": "string", "maxLength": 200}, "postalCode": {"type": "string", "maxLength": 64}}},
          "Identifier": {"type": "object", "required": ["system", "value"], "properties": {
            "system": {"type": "string", "enum": ["mrn", "member_id", "medicaid", "medicare", "other"]}, "value": {"type": "string", "minLength": 1, "maxLength": 64}}},
          "SupportPerson": {"type": "object", "required": ["name"], "properties": {
            "name": {"type": "string", "maxLength": 100}, "relationship": {"type": "string"}, "phone": {"type": "string"},
            "isCaregiver": {"type": "boolean"}, "notes": {"type": "string", "maxLength": 4000}}},
          "PatientInput": {"type": "object", "additionalProperties": false, "properties": {
            "givenName": {"type": "string", "minLength": 1, "maxLength": 100}, "familyName": {"type": "string", "minLength": 1, "maxLength": 100},
            "preferredName": {"type": "string", "maxLength": 100}, "birthDate": {"type": "string", "format": "date"},
            "sex": {"type": "string", "enum": ["female", "male", "other", "unknown"]}, "preferredLanguage": {"type": "string"},
            "interpreterNeeded": {"type": "boolean"}, "phone": {"type": "string"}, "email": {"type": "string"},
            "address": {"$ref": "#/components/schemas/Address"},
            "identifiers": {"type": "array", "items": {"$ref": "#/components/schemas/Identifier"}},
            "supportPeople": {"type": "array", "items": {"$ref": "#/components/schemas/SupportPerson"}},
            "priorities": {"type": "string", "maxLength": 4000},
            "preferredContact": {"type": "string", "nullable": true, "enum": ["phone", "text", "email", "mail", null]},
            "bestTimeToContact": {"type": "string"}, "version": {"type": "integer", "description": "Optional: refuse the change unless this is the stored version"}},
            "example": {"givenName": "Ada", "familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "female"}},
          "Patient": {"allOf": [{"$ref": "#/components/schemas/PatientInput"}, {"type": "object", "required": ["id", "version"], "properties": {
            "id": {"type": "string"}, "version": {"type": "integer"}, "createdAt": {"type": "string", "format": "date-time"},
            "updatedAt": {"type": "string", "format": "date-time"}}}]},
          "PatientSummary": {"type": "object", "properties": {
            "id": {"type": "string"}, "givenName": {"type": "string"}, "familyName": {"type": "string"}, "preferredName": {"type": "string"},
            "birthDate": {"type": "string", "format": "date"}, "sex": {"type": "string"}, "phone": {"type": "string"},
            "identifiers": {"type": "array", "items": {"$ref": "#/components/schemas/Identifier"}}}},
          "PatientPage": {"type": "object", "required": ["total", "patients"], "properties": {
            "total": {"type": "integer"}, "patients": {"type": "array", "items": {"$ref": "#/components/schemas/PatientSummary"}},
            "next": {"type": "string", "nullable": true}}}
        }
      }
    }
    """#
}
