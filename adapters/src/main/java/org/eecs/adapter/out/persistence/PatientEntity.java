package org.eecs.adapter.out.persistence;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eecs.domain.patient.Gender;

@Entity
@Table(name = "patient")
class PatientEntity {

    @Id
    UUID id;

    String alias;

    @Column(name = "birth_year")
    int birthYear;

    @Enumerated(EnumType.STRING)
    Gender gender;

    @Column(name = "preferred_language")
    String preferredLanguage;

    @ElementCollection
    @CollectionTable(name = "patient_preference", joinColumns = @JoinColumn(name = "patient_id"))
    @OrderColumn(name = "position")
    @Column(name = "note")
    List<String> preferences = new ArrayList<>();

    @Column(name = "identifier_system")
    String identifierSystem;

    @Column(name = "identifier_value")
    String identifierValue;

    @Version
    @Column(name = "row_version")
    Long rowVersion;
}
