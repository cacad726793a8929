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
            "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PatientCreate"}}}},
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
          "Line": {"type": "string", "maxLength": 200, "pattern": "^[^\\u0000-\\u001f\\u007f]*$", "description": "One line of text: no control characters; surrounding spaces are trimmed"},
          "Address": {"type": "object", "additionalProperties": false, "properties": {
            "line1": {"$ref": "#/components/schemas/Line"}, "line2": {"$ref": "#/components/schemas/Line"}, "city": {"$ref": "#/components/schemas/Line"},
            "state": {"$ref": "#/components/schemas/Line"}, "postalCode": {"type": "string", "maxLength": 64, "pattern": "^[^\\u0000-\\u001f\\u007f]*$"}}},
          "Identifier": {"type": "object", "additionalProperties": false, "required": ["system", "value"], "properties": {
            "system": {"type": "string", "enum": ["mrn", "member_id", "medicaid", "medicare", "other"]},
            "value": {"type": "string", "minLength": 1, "maxLength": 64, "pattern": "^[^\\u0000-\\u001f\\u007f]*[^\\u0000-\\u001f\\u007f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000-\\u001f\\u007f]*$"}}},
          "SupportPerson": {"type": "object", "additionalProperties": false, "required": ["name"], "properties": {
            "name": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[^\\u0000-\\u001f\\u007f]*[^\\u0000-\\u001f\\u007f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000-\\u001f\\u007f]*$"}, "relationship": {"$ref": "#/components/schemas/Line"},
            "phone": {"$ref": "#/components/schemas/Phone"}, "isCaregiver": {"type": "boolean"},
            "notes": {"type": "string", "maxLength": 4000, "pattern": "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"}}},
          "Phone": {"type": "string", "pattern": "^[ \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[+(). -]*(?:[0-9][+(). -]*){7,15})?[\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$", "description": "7 to 15 digits, written with optional + ( ) - . and spaces; empty for none"},
          "PatientInput": {"type": "object", "additionalProperties": false, "description": "Absent fields stay as they are; null clears an optional field", "properties": {
            "givenName": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[^\\u0000-\\u001f\\u007f]*[^\\u0000-\\u001f\\u007f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000-\\u001f\\u007f]*$"},
            "familyName": {"type": "string", "minLength": 1, "maxLength": 100, "pattern": "^[^\\u0000-\\u001f\\u007f]*[^\\u0000-\\u001f\\u007f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000][^\\u0000-\\u001f\\u007f]*$"},
            "preferredName": {"type": "string", "nullable": true, "maxLength": 100, "pattern": "^[^\\u0000-\\u001f\\u007f]*$"},
            "birthDate": {"type": "string", "format": "date", "description": "From 1900-01-01 to today"},
            "sex": {"type": "string", "enum": ["female", "male", "other", "unknown"]},
            "preferredLanguage": {"type": "string", "nullable": true, "maxLength": 200, "pattern": "^[^\\u0000-\\u001f\\u007f]*$", "description": "Empty or null means English"},
            "interpreterNeeded": {"type": "boolean"},
            "phone": {"type": "string", "nullable": true, "pattern": "^[ \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[+(). -]*(?:[0-9][+(). -]*){7,15})?[\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$"},
            "email": {"type": "string", "nullable": true, "maxLength": 254, "pattern": "^[ \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*(?:[^@ \\u0000-\\u001f\\u007f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]+@[^@ \\u0000-\\u001f\\u007f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000.][^@ \\u0000-\\u001f\\u007f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*\\.[^@ \\u0000-\\u001f\\u007f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*[^@ \\u0000-\\u001f\\u007f\\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000.])?[ \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*$", "description": "name@example.org; empty for none"},
            "address": {"$ref": "#/components/schemas/Address"},
            "identifiers": {"type": "array", "uniqueItems": true, "items": {"$ref": "#/components/schemas/Identifier"}},
            "supportPeople": {"type": "array", "items": {"$ref": "#/components/schemas/SupportPerson"}},
            "priorities": {"type": "string", "nullable": true, "maxLength": 4000, "pattern": "^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$"},
            "preferredContact": {"type": "string", "nullable": true, "enum": ["phone", "text", "email", "mail", "", null], "description": "Empty or null for no preference"},
            "bestTimeToContact": {"type": "string", "nullable": true, "maxLength": 200, "pattern": "^[^\\u0000-\\u001f\\u007f]*$"},
            "id": {"type": "string", "readOnly": true, "description": "Ignored on input (a patient read can be sent back)"},
            "createdAt": {"type": "string", "readOnly": true, "description": "Ignored on input"},
            "updatedAt": {"type": "string", "readOnly": true, "description": "Ignored on input"},
            "version": {"type": "integer", "minimum": 1, "maximum": 9007199254740991, "description": "PATCH: refuse the change (409) unless this is the stored version"}},
            "example": {"phone": "617-555-0100", "version": 1}},
          "PatientCreate": {"allOf": [{"$ref": "#/components/schemas/PatientInput"}], "required": ["givenName", "familyName", "birthDate", "sex"],
            "example": {"givenName": "Ada", "familyName": "Lovelace", "birthDate": "1950-12-10", "sex": "female"}},
          "Patient": {"type": "object", "required": ["id", "givenName", "familyName", "preferredName", "birthDate", "sex", "preferredLanguage", "interpreterNeeded",
                                                     "phone", "email", "address", "identifiers", "supportPeople", "priorities", "preferredContact",
                                                     "bestTimeToContact", "version", "createdAt", "updatedAt"], "properties": {
            "id": {"type": "string"}, "givenName": {"type": "string"}, "familyName": {"type": "string"}, "preferredName": {"type": "string"},
            "birthDate": {"type": "string", "format": "date"}, "sex": {"type": "string", "enum": ["female", "male", "other", "unknown"]},
            "preferredLanguage": {"type": "string"}, "interpreterNeeded": {"type": "boolean"}, "phone": {"type": "string"}, "email": {"type": "string"},
            "address": {"type": "object", "required": ["line1", "line2", "city", "state", "postalCode"], "properties": {
              "line1": {"type": "string"}, "line2": {"type": "string"}, "city": {"type": "string"}, "state": {"type": "string"}, "postalCode": {"type": "string"}}},
            "identifiers": {"type": "array", "items": {"$ref": "#/components/schemas/Identifier"}},
            "supportPeople": {"type": "array", "items": {"type": "object", "required": ["name", "relationship", "phone", "isCaregiver", "notes"], "properties": {
              "name": {"type": "string"}, "relationship": {"type": "string"}, "phone": {"type": "string"}, "isCaregiver": {"type": "boolean"}, "notes": {"type": "string"}}}},
            "priorities": {"type": "string"}, "preferredContact": {"type": "string", "nullable": true, "enum": ["phone", "text", "email", "mail", null]},
            "bestTimeToContact": {"type": "string"}, "version": {"type": "integer", "minimum": 1},
            "createdAt": {"type": "string", "format": "date-time"}, "updatedAt": {"type": "string", "format": "date-time"}}},
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
