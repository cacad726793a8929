import FHIR
import XCTest

/// Typed records from small hand-made bundles, then over the whole Synthea population.
final class RecordExtractionTests: XCTestCase {
    private static let bundle = #"""
    {"resourceType":"Bundle","type":"collection","entry":[
     {"fullUrl":"urn:uuid:p","resource":{"resourceType":"Patient","id":"p",
       "identifier":[{"system":"https://github.com/synthetichealth/synthea","value":"x"},
         {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"MR"}]},"value":"MRN-1"},
         {"type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"SS"}]},"system":"http://hl7.org/fhir/sid/us-ssn","value":"999-11-2222"}],
       "name":[{"use":"usual","given":["Al"]},{"use":"official","family":"Smith","given":["Alan","B"],"prefix":["Mr."]}],
       "gender":"male","birthDate":"1949-08-02","deceasedDateTime":"2020-01-01T00:00:00Z",
       "address":[{"line":["1 Main St"],"city":"Boston","state":"MA","postalCode":"02101","country":"US"}],
       "telecom":[{"system":"phone","value":"555-0100","use":"home"}],
       "communication":[{"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"es"}]}},
                        {"language":{"coding":[{"system":"urn:ietf:bcp:47","code":"en-US"}]},"preferred":true}]}},
     {"fullUrl":"urn:uuid:e","resource":{"resourceType":"Encounter","id":"e","status":"finished",
       "class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"IMP"},
       "type":[{"coding":[{"system":"http://snomed.info/sct","code":"183452005"}]}],"subject":{"reference":"urn:uuid:p"},
       "period":{"start":"2019-01-01T10:00:00-05:00","end":"2019-01-05T12:00:00-05:00"},
       "reasonCode":[{"coding":[{"system":"http://snomed.info/sct","code":"49436004"}]}],
       "hospitalization":{"dischargeDisposition":{"coding":[{"system":"http://www.nubc.org/patient-discharge","code":"01"}]}}}},
     {"fullUrl":"urn:uuid:c","resource":{"resourceType":"Condition","id":"c","subject":{"reference":"urn:uuid:p"},
       "clinicalStatus":{"coding":[{"code":"resolved"}]},"code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006","display":"Diabetes"}]},
       "onsetPeriod":{"start":"2010-03"},"abatementDateTime":"2018"}},
     {"fullUrl":"urn:uuid:o","resource":{"resourceType":"Observation","id":"o","status":"final","subject":{"reference":"urn:uuid:p"},
       "code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},"effectiveDateTime":"2019-01-02T08:00:00Z",
       "component":[{"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":120.50,"unit":"mm[Hg]"}},
                    {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":80,"unit":"mm[Hg]"}}]}},
     {"fullUrl":"urn:uuid:m","resource":{"resourceType":"MedicationStatement","id":"m","status":"active","subject":{"reference":"urn:uuid:p"},
       "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"860975"}]},
       "effectivePeriod":{"start":"2018-06-01"}}},
     {"fullUrl":"urn:uuid:b","resource":{"resourceType":"ExplanationOfBenefit","id":"b","status":"active","patient":{"reference":"urn:uuid:p"},
       "claim":{"reference":"Claim/elsewhere"},"billablePeriod":{"start":"2019-01-01T10:00:00-05:00"},"insurer":{"display":"Medicare"},
       "total":[{"category":{"coding":[{"code":"benefit"}]},"amount":{"value":99.00,"currency":"USD"}},
                {"category":{"coding":[{"code":"submitted"}]},"amount":{"value":125.10,"currency":"USD"}}],
       "payment":{"amount":{"value":99.00,"currency":"USD"}},
       "item":[{"sequence":1,"productOrService":{"coding":[{"code":"99213"}]},"servicedDate":"2019-01-01","encounter":[{"reference":"urn:uuid:e"}]}]}},
     {"resource":{"resourceType":"Basic","id":"x"}}
    ]}
    """#

    private func records() throws -> [String: FHIRRecord] {
        let resources = try FHIRBundleReader().read(Array(Self.bundle.utf8)).resources
        var result: [String: FHIRRecord] = [:]
        for resource in resources { result[resource.id] = try FHIRRecord(resource) }
        return result
    }

    func testPatientDemographicsAndIdentifiers() throws {
        guard case let .patient(patient)? = try records()["p"] else { return XCTFail("no patient") }
        XCTAssertEqual(patient.medicalRecordNumber, "MRN-1")
        XCTAssertEqual(patient.socialSecurityNumber, "999-11-2222")
        XCTAssertEqual(patient.preferredName?.family, "Smith")
        XCTAssertEqual(patient.preferredName?.given, ["Alan", "B"])
        XCTAssertEqual(patient.gender, "male")
        XCTAssertEqual(patient.birthDate?.text, "1949-08-02")
        XCTAssertEqual(patient.deceased, true)
        XCTAssertEqual(patient.addresses.first?.city, "Boston")
        XCTAssertEqual(patient.telecom.first?.value, "555-0100")
        XCTAssertEqual(patient.language, "en-US", "the preferred language wins over the first")
    }

    func testEncounterClassPeriodReasonAndDisposition() throws {
        guard case let .encounter(encounter)? = try records()["e"] else { return XCTFail("no encounter") }
        XCTAssertEqual(encounter.classCode, "IMP")
        XCTAssertEqual(encounter.patient, "Patient/p")
        XCTAssertEqual(encounter.period?.start?.secondsSince1970, try XCTUnwrap(FHIRDateTime("2019-01-01T15:00:00Z")).secondsSince1970)
        XCTAssertEqual(encounter.period?.end?.text, "2019-01-05T12:00:00-05:00")
        XCTAssertEqual(encounter.reasonCodes.first?.code(in: CodeSystem.snomed), "49436004")
        XCTAssertEqual(encounter.dischargeDisposition?.firstCode, "01")
    }

    func testConditionTakesOnsetFromPeriodAndAbatementFromDateTime() throws {
        guard case let .condition(condition)? = try records()["c"] else { return XCTFail("no condition") }
        XCTAssertEqual(condition.onset?.text, "2010-03")
        XCTAssertEqual(condition.abatement?.precision, .year)
        XCTAssertEqual(condition.clinicalStatus, "resolved")
        XCTAssertEqual(condition.code?.code(in: CodeSystem.snomed), "44054006")
    }

    func testObservationComponentsKeepTheirNumberText() throws {
        guard case let .observation(observation)? = try records()["o"] else { return XCTFail("no observation") }
        XCTAssertEqual(observation.loincCode, "85354-9")
        XCTAssertNil(observation.value)
        XCTAssertEqual(observation.components.map(\.loincCode), ["8480-6", "8462-4"])
        guard case let .quantity(systolic)? = observation.components.first?.value else { return XCTFail("no quantity") }
        XCTAssertEqual(systolic.value?.text, "120.50")
        XCTAssertEqual(systolic.doubleValue, 120.5)
        XCTAssertEqual(systolic.unit, "mm[Hg]")
    }

    func testMedicationStatementAndExplanationOfBenefit() throws {
        let all = try records()
        guard case let .medication(medication)? = all["m"] else { return XCTFail("no medication") }
        XCTAssertEqual(medication.kind, .statement)
        XCTAssertEqual(medication.rxNormCode, "860975")
        XCTAssertEqual(medication.date?.text, "2018-06-01")
        guard case let .claim(eob)? = all["b"] else { return XCTFail("no EOB") }
        XCTAssertEqual(eob.kind, .explanationOfBenefit)
        XCTAssertEqual(eob.total?.value?.text, "125.10", "the submitted total, not the first")
        XCTAssertEqual(eob.totalsByCategory["benefit"]?.value?.text, "99.00")
        XCTAssertEqual(eob.payment?.value?.text, "99.00")
        XCTAssertEqual(eob.insurer, "Medicare")
        XCTAssertEqual(eob.items.first?.serviced?.text, "2019-01-01")
        XCTAssertEqual(eob.items.first?.encounters, ["Encounter/e"])
        XCTAssertEqual(all["x"], .unmodeled(resourceType: "Basic"))
    }

    func testMalformedModeledElementNamesResourceAndPath() throws {
        let bad = Array(#"{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Encounter","id":"e","period":{"start":"2019-13-01"}}}]}"#.utf8)
        let resource = try XCTUnwrap(FHIRBundleReader().read(bad).resources.first)
        XCTAssertThrowsError(try FHIRRecord(resource)) { error in
            guard case let .invalidElement(path, value, _, type, id)? = error as? FHIRError else { return XCTFail("\(error)") }
            XCTAssertEqual([path, value, type, id], ["period.start", "2019-13-01", "Encounter", "e"])
        }
        let wrongNumber = Array(#"{"resourceType":"Bundle","type":"batch","entry":[{"resource":{"resourceType":"Claim","id":"c","total":{"value":"12"}}}]}"#.utf8)
        let claim = try XCTUnwrap(FHIRBundleReader().read(wrongNumber).resources.first)
        XCTAssertThrowsError(try FHIRRecord(claim)) { error in
            guard case let .invalidElement(path, _, _, _, _)? = error as? FHIRError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "total.value")
        }
    }

    func testEveryModeledSyntheaResourceExtractsAndPointsAtItsPatient() throws {
        let reader = FHIRBundleReader()
        var modeled = 0
        var observationsWithValue = 0
        for name in try SharedData.bundleNames() {
            let bundle = try reader.read(SharedData.bytes(SharedData.synthea.appendingPathComponent(name)))
            let patients = bundle.resources.filter { $0.resourceType == "Patient" }.map(\.reference)
            XCTAssertEqual(patients.count, 1, name)
            for resource in bundle.resources {
                let record = try FHIRRecord(resource)
                switch record {
                case .unmodeled:
                    XCTAssertFalse(FHIRRecord.modeledTypes.contains(resource.resourceType), resource.resourceType)
                    continue
                case let .encounter(encounter):
                    XCTAssertEqual(encounter.patient, patients.first, name)
                    XCTAssertNotNil(encounter.classCode, "\(name) \(resource.reference)")
                    XCTAssertNotNil(encounter.period?.start, "\(name) \(resource.reference)")
                case let .observation(observation):
                    XCTAssertEqual(observation.patient, patients.first, name)
                    XCTAssertNotNil(observation.loincCode, "\(name) \(resource.reference)")
                    XCTAssertNotNil(observation.effective, "\(name) \(resource.reference)")
                    if observation.value != nil || !observation.components.isEmpty { observationsWithValue += 1 }
                case let .claim(claim):
                    XCTAssertEqual(claim.patient, patients.first, name)
                    XCTAssertNotNil(claim.total?.value, "\(name) \(resource.reference)")
                case let .condition(condition):
                    XCTAssertEqual(condition.patient, patients.first, name)
                    XCTAssertNotNil(condition.onset, "\(name) \(resource.reference)")
                case let .medication(medication):
                    XCTAssertEqual(medication.patient, patients.first, name)
                    XCTAssertNotNil(medication.date, "\(name) \(resource.reference)")
                default: break
                }
                modeled += 1
            }
        }
        // From counts.json: every type but DiagnosticReport (587), Goal (122) and ImagingStudy (32) is modeled.
        XCTAssertEqual(modeled, 18_873 - 587 - 122 - 32)
        // Every one of the 9,680 Observations has a value (8,029 quantities, 830 concepts) or components (821).
        XCTAssertEqual(observationsWithValue, 9_680)
    }
}
